// The demo's steps, per dialect, in the order they run. To show a new action, add one line to classicSteps or
// hubSteps: actionStep(key, { note, params, as, writes, expectError, describe, describeError, platform, sandboxOnly })
// (picklistStep for a picklist); the runner measures it and prints its line. A step that is not an action (a trigger,
// say) is a Step with its own run(). A step that needs its own endpoint (another schema, a redirecting server) starts
// it in an async `params` with otherSandbox or localServer: its requests are counted, and it stops at the end.
import { createServer, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { changeRecord } from "../../fixtures/changes";
import {
  DeliveryReceiver,
  FLOW_NAME,
  LISTENING_INSTANCE,
  polledNoChanges,
  pollingFlowInstance,
  PollResult,
  startDeliveryReceiver,
  webhookFlowInstance,
} from "../../fixtures/flowInstance";
import { DuroSandbox, SandboxOptions, startSandbox } from "../../fixtures/sandbox";
import { deliver, DeliveryRequest, signBody } from "../../fixtures/webhooks";
import { duroApiKey } from "../../src/connections/duroApiKey";
import { ENVIRONMENTS, resolveEndpoint } from "../../src/connections/endpoint";
import { ConnectionReport } from "../../src/operations/connectionCheck";
import { SIGNATURE_HEADER } from "../../src/triggers/webhookDelivery";
import { actionStep, firstIdOf, forwardingLogger, picklistStep, plural, SkipStep, Step, StepContext, StepResult, triggerLabel } from "./step";

const skip = (reason: string): never => {
  throw new SkipStep(reason);
};

/** The step's connection with some fields changed (another endpoint, a wrong key). */
const connectionWith = ({ connection }: StepContext, fields: Record<string, string>) => createConnection(duroApiKey, { ...connection.fields, ...fields });

/** A key of a valid length that Duro does not know. */
const WRONG_API_KEY = "not-a-key-duro-knows-0123456789";

/** A second sandbox for a step (another schema, Duro Hub's older shape): small, its requests counted, stopped at the end. */
const otherSandbox = async (context: StepContext, options: SandboxOptions): Promise<DuroSandbox> => {
  const sandbox = await startSandbox({ apiKey: context.apiKey, seed: { components: 30, changeOrders: 5 }, ...options });
  context.countRequestsTo(sandbox.url);
  context.onFinish(() => sandbox.stop());
  return sandbox;
};

/** A server on 127.0.0.1 that answers every request with `answer` and counts them; stopped at the end. */
const localServer = async (context: StepContext, answer: (response: ServerResponse) => void) => {
  let received = 0;
  const server = createServer((request, response) => {
    received += 1;
    request.resume();
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  context.countRequestsTo(url);
  context.onFinish(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url, received: () => received };
};

/** A message's first sentence, its times cut to the day, at most 80 characters: the key figure of a long text. */
const firstSentence = (text: string): string => {
  const sentence = text.split(/(?<=\.) /)[0].replace(/T[\d:.]+Z/g, "");
  return sentence.length > 80 ? `${sentence.slice(0, 80)}…` : sentence;
};

/** Check Connection's report in one line: who, what schema, how many steps work, the key's expiry or the first warning. */
const reportLine = ({ dialect, authenticated, identity, schema, actions, apiKeyExpiresAt, warnings }: ConnectionReport): string =>
  [
    dialect,
    authenticated ? "authenticated" : "not authenticated",
    identity ? `${identity.kind} ${identity.name ?? identity.id}` : "no identity",
    `schema ${schema}`,
    `${actions.filter((step) => step.supported).length} of ${actions.length} steps supported`,
    warnings.length
      ? `${plural(warnings.length, "warning")}: ${firstSentence(warnings[0])}`
      : `${apiKeyExpiresAt ? `key expires ${apiKeyExpiresAt.slice(0, 10)}` : "no key expiry"}, no warnings`,
  ].join(", ");

/**
 * Check Connection on the step's own connection: the line is its report; Duro refusing the connection (the key, or
 * Duro Hub's organization or library: no identity) stops the demo, as every later step would fail the same way.
 */
const checkConnectionStep = (): Step =>
  actionStep("checkConnection", {
    note: "the connection",
    describe: (output) => {
      const report = output as ConnectionReport;
      if (report.authenticated && report.identity) return { result: reportLine(report) };
      // No identity from an accepted key: on Duro Hub, the organization or library is not the key's (HTTP 403).
      const refusedKey = report.warnings.some((warning) => warning.startsWith("Duro rejected the API key"));
      const stop = refusedKey ? "auth" : report.dialect === "hub" ? "missing-context" : undefined;
      return { result: reportLine(report), unexpected: "Duro did not accept the connection", stop };
    },
  });

type Page = { items: Array<{ id: string }>; pageInfo: { endCursor: string | null } };

/** The first components listed, and one ID Duro does not have. */
const idsWithAnUnknownOne = ({ earlier }: StepContext): string => [...earlier<Page>("page").items.map((item) => item.id), "no-such-id"].join(",");

/** Check Connection with a key Duro refuses: it reports that, and fails nothing. */
const wrongKeyCheckStep = (): Step =>
  actionStep("checkConnection", {
    note: "a wrong API key",
    params: (context) => ({ connection: connectionWith(context, { apiKey: WRONG_API_KEY }) }),
    describe: (output) => {
      const report = output as ConnectionReport;
      return { result: `reported, not thrown: ${reportLine(report)}`, unexpected: report.authenticated ? "a wrong key reported as authenticated" : undefined };
    },
  });

/** Any step with a key Duro refuses fails with spectral's ConnectionError, so Prismatic flags the connection. */
const wrongKeyStep = (key: string): Step =>
  actionStep(key, { note: "a wrong API key", params: (context) => ({ connection: connectionWith(context, { apiKey: WRONG_API_KEY }) }), expectError: "auth" });

/** The field component's Duro Environment values (its URLs) name our environments: resolved locally, nothing sent. */
const fieldComponentUrlStep = (value: string): Step => ({
  key: "duroApiKey",
  label: duroApiKey.display.label,
  note: `Duro Environment "${value}" (field component)`,
  run: async ({ apiKey }) => {
    const { environment, url, dialect } = resolveEndpoint({ apiKey, duroEnvironment: value });
    return { output: { environment, url, dialect }, result: `${ENVIRONMENTS[environment].label}, ${dialect}, ${url}` };
  },
});

/**
 * A custom URL that answers with a redirect: the step fails naming where it points, and nothing (no API key) goes
 * there. Both servers are on 127.0.0.1; the target would answer like Duro, so following the redirect would "work".
 */
const redirectStep = (key: string): Step => {
  let target: Awaited<ReturnType<typeof localServer>> | undefined;
  return actionStep(key, {
    note: "a custom URL that redirects",
    sandboxOnly: true,
    params: async (context) => {
      const elsewhere = await localServer(context, (response) => response.writeHead(200, { "content-type": "application/json" }).end('{"data":{}}'));
      const redirector = await localServer(context, (response) => response.writeHead(301, { location: elsewhere.url }).end());
      target = elsewhere;
      return { connection: connectionWith(context, { customDuroEnvironment: redirector.url, maxAttempts: "1" }) };
    },
    expectError: "invalid-input",
    describeError: (error) => {
      const named = target !== undefined && error.message.includes(`to ${target.url}`);
      const received = target?.received() ?? 0;
      return {
        result: `redirect to ${target?.url} refused, not followed; it received ${plural(received, "request")}`,
        unexpected: !named ? "the error does not name the redirect's target" : received > 0 ? "the redirect's target received a request" : undefined,
      };
    },
  });
};

export const classicSteps: Step[] = [
  checkConnectionStep(),
  wrongKeyCheckStep(),
  actionStep("getCurrentUser", {
    note: "with Debug Request on",
    params: { debugRequest: "true" },
    describe: (_, { logLines, apiKey }) => ({
      result: `1 record, ${logLines.length} debug log lines, key [REDACTED]`,
      unexpected: logLines.some((line) => line.includes(apiKey))
        ? "the API key appeared in the debug log"
        : logLines.some((line) => line.includes("[REDACTED]"))
          ? undefined
          : "the debug log did not show the key as [REDACTED]",
    }),
  }),
  actionStep("listCompanyUsers", {
    describe: (output) => {
      const { items, company } = output as { items: unknown[]; company: { name: string } | null };
      return { result: `${plural(items.length, "user")} of ${company?.name ?? "no company"}` };
    },
  }),
  picklistStep("selectUser"),
  actionStep("listComponents", { note: "first page (First N Items 5)", as: "page" }),
  actionStep("listComponents", {
    note: "the next 3, after its endCursor",
    params: ({ earlier }) => ({ first: "3", after: earlier<Page>("page").pageInfo.endCursor ?? skip("the first page has no endCursor") }),
  }),
  actionStep("listComponents", { note: "Fetch All", params: { fetchAll: "true" } }),
  actionStep("getComponentById", { note: "the first one, in full", params: (context) => ({ componentId: firstIdOf(context, "page") }) }),
  actionStep("getComponentsByIds", { note: "5 IDs and an unknown one", params: (context) => ({ componentIds: idsWithAnUnknownOne(context) }) }),
  // Classic search reads the library until it has enough matches: on a real account, a search for the seed's names
  // could read all of it, so these run on the sandbox only.
  actionStep("searchComponents", {
    note: "Bracket in PRODUCTION, Fetch All, max 20",
    params: { name: "Bracket", status: "PRODUCTION", fetchAll: "true", maxItems: "20" },
    sandboxOnly: true,
  }),
  actionStep("searchComponents", { note: "name contains 'Motor 12', first 10", params: { name: "Motor 12", first: "10" }, sandboxOnly: true }),
  actionStep("getComponentChildren", { note: "direct children", params: (context) => ({ componentId: firstIdOf(context, "page") }) }),
  actionStep("getComponentChildren", {
    note: "flattened, one request per level",
    params: (context) => ({ componentId: firstIdOf(context, "page"), flatten: "true" }),
    describe: (output) => ({ result: `${(output as { items: unknown[] }).items.length} BOM lines, ${(output as { depth: number }).depth} levels` }),
  }),
  picklistStep("selectComponent", { note: "search 'Bracket 1'", params: { search: "Bracket 1" }, sandboxOnly: true }),
  picklistStep("selectComponent", { note: "Library Type Sandbox (PERSONAL)", params: { libraryType: "PERSONAL" } }),
  actionStep("listChangeOrders", { note: "newest change first", params: { orderBy: '[{"lastModified": "desc"}]', first: "3" } }),
  actionStep("listChangeOrders", { note: "every OPEN ECO (Fetch All)", params: { status: "OPEN", type: "ECO", fetchAll: "true" } }),
  picklistStep("selectChangeOrder", { note: "status DRAFT", params: { status: "DRAFT" } }),
  actionStep("createChangeOrder", { note: "a draft ECO", writes: true, params: { name: "Demo: replace bracket supplier", description: "Created by the connector demo" } }),
  actionStep("rawRequest", { note: "the default query", describe: (output) => ({ result: `data.${Object.keys(output as object).join(", data.")}` }) }),
  actionStep("getComponentById", { note: "an unknown ID", params: { componentId: "no-such-id" }, expectError: "not-found" }),
  actionStep("getChangeOrderById", { note: "Duro Hub only", params: { changeOrderId: "co-00001" }, expectError: "invalid-input" }),
  actionStep("createComponent", { note: "Duro Hub only", params: { name: "Demo: bracket" }, expectError: "invalid-input" }),
  wrongKeyStep("listComponents"),
  redirectStep("getCurrentUser"),
  fieldComponentUrlStep("https://mfg.duro.app/graphql"),
  fieldComponentUrlStep("https://gov.duro.us/graphql"),
];

/** Check Connection against a Duro Hub whose schema renamed a field the connector reads: the step that needs it is reported. */
const differentSchemaCheckStep = (): Step =>
  actionStep("checkConnection", {
    note: "an endpoint with modifiedAt for updatedAt",
    sandboxOnly: true,
    params: async (context) => {
      const sandbox = await otherSandbox(context, { dialect: "hub", schemaEdit: (sdl) => sdl.replace(/\bupdatedAt\b/g, "modifiedAt") });
      return { connection: connectionWith(context, { customDuroEnvironment: sandbox.url }) };
    },
    describe: (output) => {
      const { actions } = output as ConnectionReport;
      const polling = actions.find((step) => step.key === "pollChanges");
      return {
        result: `${actions.filter((step) => step.supported).length} of ${actions.length} steps supported; pollChanges not: ${firstSentence(polling?.reason ?? "")}`,
        unexpected: polling && !polling.supported && polling.reason?.includes('"updatedAt"') ? undefined : "pollChanges not reported as unsupported for lack of updatedAt",
      };
    },
  });

/**
 * Duro Hub's older shape: the first read is refused by validation, so the client reads the schema and resends the
 * older form (2 extra requests, once); the next read sends the remembered form straight away.
 */
const olderShapeSteps = (): Step[] => {
  let sandbox: DuroSandbox | undefined;
  const read = (note: string, extraRequests: number): Step =>
    actionStep("listComponents", {
      note,
      sandboxOnly: true,
      params: async (context) => {
        sandbox ??= await otherSandbox(context, { dialect: "hub", hubVariant: "legacy" });
        sandbox.clearRequests();
        return { connection: connectionWith(context, { customDuroEnvironment: sandbox.url }), first: "3" };
      },
      describe: (output) => {
        const sent = sandbox?.requests.length ?? 0;
        return {
          result: `${(output as { items: unknown[] }).items.length} items, ${plural(sent, "request")} (+${sent - 1}${sent > 1 ? ": schema read, older form sent" : ""})`,
          unexpected: sent === 1 + extraRequests ? undefined : `expected ${1 + extraRequests} requests`,
        };
      },
    });
  return [read("Duro Hub's older shape, first read", 2), read("the older shape again", 0)];
};

type Component = { id: string; version: number };

export const hubSteps: Step[] = [
  checkConnectionStep(),
  differentSchemaCheckStep(),
  ...olderShapeSteps(),
  actionStep("listLibraries"),
  picklistStep("selectLibrary"),
  actionStep("listComponents", { note: "first 3", params: { first: "3" }, as: "page" }),
  actionStep("getComponentById", { note: "the first one", params: (context) => ({ componentId: firstIdOf(context, "page") }) }),
  actionStep("getComponentsByIds", { note: "3 IDs and an unknown one", params: (context) => ({ componentIds: idsWithAnUnknownOne(context) }) }),
  actionStep("searchComponents", {
    note: "Duro's filter: assemblies named 'Bracket'",
    params: { filter: '{"category": {"type": {"eq": "ASSEMBLY"}}}', name: "Bracket", first: "5" },
  }),
  picklistStep("selectComponent", { note: "search 'Sensor 2'", params: { search: "Sensor 2" } }),
  actionStep("createComponent", { note: "a bracket", writes: true, as: "created", params: { name: "Demo: bracket", description: "Created by the connector demo", eid: "ERP-DEMO-1" } }),
  actionStep("updateComponent", {
    note: "with its version as Expected Version",
    writes: true,
    params: ({ earlier }) => {
      const { id, version } = earlier<Component>("created");
      return { componentId: id, expectedVersion: String(version), description: "Updated by the connector demo" };
    },
    describe: (output) => ({ result: `now version ${(output as Component).version}` }),
  }),
  actionStep("updateComponent", {
    note: "the same update again, with the old version",
    writes: true,
    params: ({ earlier }) => {
      const { id, version } = earlier<Component>("created");
      return { componentId: id, expectedVersion: String(version), description: "A lost update" };
    },
    expectError: "invalid-input",
    describeError: ({ message }) => ({
      result: `version conflict: ${firstSentence(message.replace(/^Invalid input "expectedVersion": /, ""))}`,
      unexpected: message.includes('"expectedVersion"') ? undefined : "not the version conflict",
    }),
  }),
  actionStep("listChangeOrders", { note: "first 3", params: { first: "3" }, as: "orders" }),
  actionStep("listChangeOrders", { note: "status open", params: { status: "open", first: "3" } }),
  actionStep("createChangeOrder", { note: "a draft", writes: true, params: { name: "Demo: Hub change order", description: "Created by the connector demo" } }),
  actionStep("getChangeOrderById", { note: "the first listed", params: (context) => ({ changeOrderId: firstIdOf(context, "orders") }) }),
  actionStep("validateChangeOrder", {
    note: "the first listed",
    writes: true,
    params: (context) => ({ changeOrderId: firstIdOf(context, "orders") }),
    describe: (output) => {
      const { isValid, state, failures, warnings } = output as { isValid: boolean; state: string; failures: unknown[]; warnings: unknown[] };
      return { result: `${isValid ? "valid" : "not valid"} (${state}), ${failures.length} failed, ${warnings.length} warned` };
    },
  }),
  actionStep("getLatestValidationRun", {
    note: "read back",
    params: (context) => ({ changeOrderId: firstIdOf(context, "orders") }),
    describe: (output) => {
      const run = (output as { validationRun: { state: string } | null }).validationRun;
      return { result: run ? `last run ${run.state}` : "never validated" };
    },
  }),
  actionStep("createChangeOrderTemplate", { note: "the default YAML", writes: true, params: { name: "Demo: dual approval" } }),
  actionStep("rawRequest", { note: "the key's own library", params: { query: "{ library { current { id name } } }" }, describe: () => ({ result: "data.library.current" }) }),
  actionStep("getCurrentUser", { note: "classic only", expectError: "invalid-input" }),
  actionStep("getComponentChildren", { note: "classic only", params: (context) => ({ componentId: firstIdOf(context, "page") }), expectError: "invalid-input" }),
];

/** A trigger step's line: what happened, and whether that is what should happen. */
const triggerResult = (result: string, asExpected: boolean, output?: unknown): StepResult => ({
  output: output ?? result,
  result,
  unexpected: asExpected ? undefined : "not what the trigger should do",
});

const sandboxOf = ({ sandbox }: StepContext) => sandbox ?? skip("needs the embedded sandbox");

/** Another flow of the deployed instance, whose Duro webhook a lost deploy left behind (Prismatic-style URL). */
const SECOND_FLOW = { name: "Duro change orders", url: "https://hooks.prismatic.io/trigger/demo-change-orders" };

/** A flow of one instance with its trigger's receiving URL on 127.0.0.1, stopped at the end. */
const deployedFlow = async (context: StepContext, logger: ReturnType<typeof forwardingLogger>["logger"], instance?: { id: string; name: string }) => {
  const at: { receiver?: DeliveryReceiver } = {};
  const flow = webhookFlowInstance(context.harness, { params: () => ({ connection: context.connection }), webhookUrl: () => at.receiver?.url ?? "", logger, instance });
  const receiver = await startDeliveryReceiver(flow.receive);
  at.receiver = receiver;
  context.onFinish(receiver.stop);
  await flow.deploy();
  return { flow, receiver };
};

type DeployedFlow = Awaited<ReturnType<typeof deployedFlow>>;

/**
 * The Duro Hub webhook trigger on one instance: deploy registers a signed webhook, the sandbox delivers an event
 * (twice: a retry), someone replays an old delivery and posts a forged signature; a designer's listening mode on a
 * test instance registers its own webhook and retires only that one; delete archives the webhook, and Delete
 * Instance Webhooks cleans up one a lost deploy left behind.
 */
export const webhookTriggerSteps = (): Step[] => {
  const label = triggerLabel("webhook");
  const logger = forwardingLogger();
  let deployed: DeployedFlow | undefined;
  let listening: DeployedFlow | undefined;
  const instance = (context: StepContext) => {
    logger.use(context);
    return deployed ?? skip("the instance was not deployed");
  };
  const listeningFlow = (context: StepContext) => {
    logger.use(context);
    return listening ?? skip("listening mode was not turned on");
  };
  /** The instance's flow URLs, as Prismatic gives them to every step of the instance. */
  const instanceUrls = (context: StepContext) => ({ webhookUrls: { [FLOW_NAME]: instance(context).receiver.url, [SECOND_FLOW.name]: SECOND_FLOW.url } });
  const webhooks = (context: StepContext) => sandboxOf(context).hubStore.webhooks.webhooks;
  const step = (note: string, run: Step["run"]): Step => ({ key: "webhook", label, note, sandboxOnly: true, run });
  const componentUpdated = (context: StepContext): DeliveryRequest => {
    const component = sandboxOf(context).data.components[0];
    return { event: "COMPONENT_UPDATED", eventId: "demo-event-1", metadata: { componentId: component.id, revisionValue: component.revisionValue, version: 2 } };
  };
  const delivery = (note: string, expectedBranch: string, at: (context: StepContext) => DeployedFlow = instance): Step =>
    step(note, async (context) => {
      const { flow, receiver } = at(context);
      const { status } = await deliver(sandboxOf(context).hubStore.webhooks, flow.webhookId(), componentUpdated(context));
      const branch = receiver.received.at(-1)?.branch;
      return triggerResult(`HTTP ${status}, branch ${branch}`, status === 200 && branch === expectedBranch);
    });
  /** Posts `body` to the instance's flow URL as Duro would, with `signature`; the line says what the trigger did. */
  const post = async (context: StepContext, body: string, signature: string) => {
    const { receiver } = instance(context);
    const response = await fetch(receiver.url, { method: "POST", headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature }, body });
    return { status: response.status, outcome: receiver.received.at(-1) };
  };
  return [
    step("instance deployed", async (context) => {
      logger.use(context);
      deployed = await deployedFlow(context, logger.logger);
      const webhook = webhooks(context).find((candidate) => candidate.id === deployed?.flow.webhookId());
      return triggerResult(
        `a webhook registered for ${webhook?.events.join(", ")}, ${webhook?.signingSecret ? "signed" : "unsigned"}`,
        Boolean(webhook?.isEnabled && webhook.signingSecret),
      );
    }),
    actionStep("listWebhooks", { note: "Only This Instance's", sandboxOnly: true, params: { onlyThisInstance: "true" }, platform: instanceUrls }),
    picklistStep("selectWebhook"),
    delivery("Duro delivers COMPONENT_UPDATED, signed", "Component"),
    delivery("the same eventId again (a retry)", "Duplicate"),
    step("a signed delivery from 2 hours ago (a replay)", async (context) => {
      const sent = sandboxOf(context).hubStore.webhooks.logs.at(-1)?.payload as Record<string, unknown>;
      const body = JSON.stringify({ ...sent, eventId: "demo-event-replayed", timestamp: new Date(Date.now() - 2 * 3_600_000).toISOString() });
      const { status, outcome } = await post(context, body, signBody(body, instance(context).flow.secret()));
      const data = (outcome?.payload.body.data ?? {}) as Record<string, unknown>;
      const reason = String(data.reason);
      return triggerResult(
        `HTTP ${status}, branch ${outcome?.branch} with only {${Object.keys(data).join(", ")}}: ${/"timestamp" is \d+ minutes old/.exec(reason)?.[0] ?? firstSentence(reason)}`,
        status === 400 && outcome?.branch === "Rejected" && Object.keys(data).sort().join() === "reason,rejected,statusCode",
      );
    }),
    step("a body with a forged signature", async (context) => {
      const { status, outcome } = await post(context, JSON.stringify(sandboxOf(context).hubStore.webhooks.logs.at(-1)?.payload), "0".repeat(64));
      return triggerResult(`HTTP ${status}, branch ${outcome?.branch}`, status === 401 && outcome?.branch === "Rejected");
    }),
    step("listening mode on (a test instance)", async (context) => {
      logger.use(context);
      listening = await deployedFlow(context, logger.logger, LISTENING_INSTANCE);
      const webhook = webhooks(context).find((candidate) => candidate.id === listening?.flow.webhookId());
      return triggerResult(`its own webhook "${webhook?.name}"`, Boolean(webhook?.isEnabled && webhook.name.includes(LISTENING_INSTANCE.id)));
    }),
    delivery("listening: Duro delivers, signed", "Component", listeningFlow),
    step("listening mode off", async (context) => {
      const { flow } = listeningFlow(context);
      const id = flow.webhookId();
      await flow.remove();
      const archived = (webhookId: string) => webhooks(context).find((webhook) => webhook.id === webhookId)?.isArchived;
      const deployedLive = archived(instance(context).flow.webhookId()) === false;
      return triggerResult(`its webhook ${archived(id) ? "archived" : "still live"}, the deployed instance's ${deployedLive ? "still live" : "archived"}`, Boolean(archived(id)) && deployedLive);
    }),
    step("instance deleted", async (context) => {
      const { flow } = instance(context);
      const id = flow.webhookId();
      await flow.remove();
      const archived = webhooks(context).find((webhook) => webhook.id === id)?.isArchived === true;
      return triggerResult(archived ? "its webhook archived" : "its webhook still live", archived);
    }),
    actionStep("createWebhook", {
      note: "one a lost deploy left at the instance's other flow",
      sandboxOnly: true,
      params: { name: "Left behind by a lost deploy", url: SECOND_FLOW.url, events: ["COMPONENT_CREATED"] },
    }),
    actionStep("deleteInstanceWebhooks", {
      note: "the instance retired",
      sandboxOnly: true,
      platform: instanceUrls,
      describe: (output) => {
        const { archived } = output as { archived: Array<{ name: string }> };
        return { result: `${archived.length} archived: ${archived.map((webhook) => webhook.name).join(", ")}`, unexpected: archived.length === 1 ? undefined : "expected the one left behind" };
      },
    }),
  ];
};

const pollLine = (result: PollResult): string => {
  const { created, updated, pending } = result.payload.body.data;
  const ids = (rows: Array<{ id: string }>) => (rows.length ? rows.map((row) => row.id).join(", ") : "none");
  return `created: ${ids(created)}; updated: ${ids(updated)}; pending ${pending}${polledNoChanges(result) ? "; no changes" : ""}`;
};

/** What the polling steps show besides a baseline and a change: a toggle, or a spoiled saved state. */
interface PollingOptions {
  /** Show New Records off: the records created since the last poll are left out. */
  hideNewRecords?: boolean;
  /** A last poll after the saved watermark was spoiled ("yesterday"): a warning and a restart from the look-back. */
  spoiledState?: boolean;
}

/** Polls of pollChanges on one instance: a baseline, one after two records changed, one with nothing new. */
export const pollingTriggerSteps = ({ hideNewRecords = false, spoiledState = false }: PollingOptions = {}): Step[] => {
  const label = triggerLabel("pollChanges");
  const logger = forwardingLogger();
  let flow: ReturnType<typeof pollingFlowInstance> | undefined;
  const createdId = "demo-new-component";
  // A company library component: classic Duro polls that library only.
  const changedId = (context: StepContext) => sandboxOf(context).data.components.find((record) => record.libraryType === "GENERAL")?.id ?? "";
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id).join();
  const params = (context: StepContext) => ({ connection: context.connection, resource: "components", ...(hideNewRecords ? { showNewRecords: "false" } : {}) });
  const poll = (note: string, check: (result: PollResult, context: StepContext) => boolean, before?: (context: StepContext) => void): Step => ({
    key: "pollChanges",
    label,
    note,
    sandboxOnly: true,
    run: async (context) => {
      logger.use(context);
      flow ??= pollingFlowInstance(context.harness, { params: () => params(context), logger: logger.logger });
      before?.(context);
      const result = await flow.poll();
      const warning = context.logLines.find((line) => line.startsWith("warn:"));
      return triggerResult(`${pollLine(result)}${warning ? `; warned: ${warning.replace(/^warn: components: /, "").slice(0, 60)}…` : ""}`, check(result, context), result.payload.body.data);
    },
  });
  return [
    // The baseline: whatever it finds is right; the next polls show what changed after it.
    poll("first poll, 24 hours back", () => true),
    poll(
      hideNewRecords ? "a change and a new record, Show New Records off" : "after a change and a new record",
      (result, context) => {
        const { created, updated } = result.payload.body.data;
        return ids(created) === (hideNewRecords ? "" : createdId) && ids(updated) === changedId(context);
      },
      (context) => {
        // Two minutes ago: older than the trigger's default settle time (60 s), so this poll may deliver them.
        const at = new Date(Date.now() - 2 * 60_000).toISOString();
        changeRecord(sandboxOf(context).data, "components", changedId(context), { at });
        changeRecord(sandboxOf(context).data, "components", createdId, { at });
      },
    ),
    poll("nothing changed since", (result) => polledNoChanges(result)),
    ...(spoiledState
      ? [
          poll(
            'a spoiled saved state (watermark "yesterday")',
            (result, { logLines }) => !polledNoChanges(result) && logLines.some((line) => line.startsWith("warn:") && line.includes("restarts from the look-back")),
            () => {
              // Where spectral keeps a polling trigger's state; a broken or hostile state could hold anything.
              const state = flow?.instanceState.__prismaticInternal as { polling: Record<string, { watermark: unknown }> } | undefined;
              if (state) state.polling.components.watermark = "yesterday";
            },
          ),
        ]
      : []),
  ];
};
