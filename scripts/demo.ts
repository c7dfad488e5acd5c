// The connector's main job, end to end: every action run through spectral's own harness.
// With no DURO_API_KEY it starts the embedded Duro sandbox on 127.0.0.1 (no account needed), once in the classic
// dialect and once as Duro Hub; with DURO_API_KEY (and optionally DURO_ENVIRONMENT, DURO_ENDPOINT,
// DURO_ORGANIZATION, DURO_LIBRARY) it runs against that real Duro account instead, and changes something there
// (creates a change order, validates one, creates a template) only if DURO_DEMO_CREATE=1. Against the sandbox it also
// runs the two triggers as a deployed instance would: the Duro Hub webhook (deploy, signed deliveries, delete) and
// pollChanges (polls with records changed in between).
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { changeRecord } from "../fixtures/changes";
import { polledNoChanges, pollingFlowInstance, PollResult, startDeliveryReceiver, TriggerHarness, webhookFlowInstance } from "../fixtures/flowInstance";
import { DuroSandbox, SANDBOX_LIBRARY, SANDBOX_ORGANIZATION, startSandbox } from "../fixtures/sandbox";
import { deliver, DeliveryRequest } from "../fixtures/webhooks";
import duroComponent from "../src";
import { duroApiKey } from "../src/connections/duroApiKey";
import { SIGNATURE_HEADER } from "../src/triggers/webhookDelivery";

const MAX_ITEMS_SHOWN = 3;

const logger = {
  info: (...args: unknown[]) => console.log("    log:", ...args),
  warn: (...args: unknown[]) => console.log("    warn:", ...args),
  error: (...args: unknown[]) => console.log("    error:", ...args),
  debug: (...args: unknown[]) => console.log("    debug:", ...args),
  trace: () => undefined,
  log: (...args: unknown[]) => console.log("    log:", ...args),
  metric: () => undefined,
};

/** Long lists are cut for the screen; the count says how many there were. */
const forDisplay = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS_SHOWN).map(forDisplay);
    return value.length > MAX_ITEMS_SHOWN ? [...shown, `… ${value.length - MAX_ITEMS_SHOWN} more`] : shown;
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, forDisplay(item)]));
  }
  return value;
};

type Fields = Record<string, string | undefined>;

interface Step {
  title: string;
  key: string;
  params?: Record<string, unknown>;
  /** Changes data in Duro: skipped on a real account unless DURO_DEMO_CREATE=1. */
  writes?: boolean;
  /** Shows an error on purpose. */
  fails?: boolean;
  /** A picklist (data source) rather than an action. */
  picklist?: boolean;
}

type Page = { items: Array<{ id: string }>; pageInfo: { endCursor: string | null } } | undefined;

const classicSteps = async (run: (step: Step) => Promise<unknown>): Promise<void> => {
  await run({ title: "Who am I? (with Debug Request on: the key is logged as [REDACTED])", key: "getCurrentUser", params: { debugRequest: "true" } });
  await run({ title: "Company users", key: "listCompanyUsers" });
  const page = (await run({ title: "First 5 components of the company library", key: "listComponents" })) as Page;
  if (page?.pageInfo.endCursor) {
    await run({ title: "The next 3, continuing from endCursor", key: "listComponents", params: { first: "3", after: page.pageInfo.endCursor } });
  }
  const firstId = page?.items[0]?.id;
  if (firstId) await run({ title: `Component ${firstId} in full`, key: "getComponentById", params: { componentId: firstId } });
  await run({ title: "Every component of the company library in one step (Fetch All)", key: "listComponents", params: { fetchAll: "true" } });
  const ids = [...(page?.items.map((item) => item.id) ?? []), "no-such-id"];
  await run({ title: "Several components by ID in one request, the unknown one reported", key: "getComponentsByIds", params: { componentIds: ids.join(",") } });
  await run({ title: "Search: Motors in PRODUCTION", key: "searchComponents", params: { name: "Motor", status: "PRODUCTION", fetchAll: "true", maxItems: "20" } });
  if (firstId) {
    await run({ title: `BOM of ${firstId}: direct children`, key: "getComponentChildren", params: { componentId: firstId } });
    await run({ title: `BOM of ${firstId}, flattened (one request per level)`, key: "getComponentChildren", params: { componentId: firstId, flatten: "true" } });
  }
  await run({ title: "Picklist: Select Component, searching for 'Bracket 1'", key: "selectComponent", params: { search: "Bracket 1" }, picklist: true });
  await run({ title: "Picklist: Select User", key: "selectUser", picklist: true });
  await run({ title: "Change orders, newest change first", key: "listChangeOrders", params: { orderBy: '[{"lastModified": "desc"}]', first: "3" } });
  await run({ title: "Every OPEN ECO", key: "listChangeOrders", params: { status: "OPEN", type: "ECO", fetchAll: "true" } });
  await run({ title: "Create a draft ECO", key: "createChangeOrder", params: { name: "Demo: replace bracket supplier", description: "Created by the connector demo" }, writes: true });
  await run({ title: "Raw Request (the default query)", key: "rawRequest" });
  await run({ title: "An unknown component ID, to show the error a flow builder sees", key: "getComponentById", params: { componentId: "no-such-id" }, fails: true });
  await run({ title: "Get Change Order by ID is Duro Hub only: the error says what to do", key: "getChangeOrderById", params: { changeOrderId: "co-00001" }, fails: true });
};

const hubSteps = async (run: (step: Step) => Promise<unknown>): Promise<void> => {
  await run({ title: "The organization's libraries", key: "listLibraries" });
  await run({ title: "Picklist: Select Library", key: "selectLibrary", picklist: true });
  const page = (await run({ title: "First 3 components of the library", key: "listComponents", params: { first: "3" } })) as Page;
  const firstId = page?.items[0]?.id;
  if (firstId) await run({ title: `Component ${firstId}`, key: "getComponentById", params: { componentId: firstId } });
  const ids = [...(page?.items.map((item) => item.id) ?? []), "no-such-id"];
  await run({ title: "Several components by ID in one request, the unknown one reported", key: "getComponentsByIds", params: { componentIds: ids.join(",") } });
  await run({
    title: "Search with Duro's own filter: CPN 101-… or 102-…, and status DESIGN",
    key: "searchComponents",
    params: { filter: '{"or": [{"cpn": {"startsWith": "101-"}}, {"cpn": {"startsWith": "102-"}}]}', status: "DESIGN", first: "5" },
  });
  await run({ title: "Picklist: Select Component, searching for 'Sensor 2'", key: "selectComponent", params: { search: "Sensor 2" }, picklist: true });
  const orders = (await run({ title: "First 3 change orders", key: "listChangeOrders", params: { first: "3" } })) as Page;
  await run({ title: "Create a draft change order", key: "createChangeOrder", params: { name: "Demo: Hub change order", description: "Created by the connector demo" }, writes: true });
  const orderId = orders?.items[1]?.id;
  if (orderId) {
    await run({ title: `Change order ${orderId}`, key: "getChangeOrderById", params: { changeOrderId: orderId } });
    await run({ title: `Validate change order ${orderId}`, key: "validateChangeOrder", params: { changeOrderId: orderId }, writes: true });
    await run({ title: "Its latest validation run, read back", key: "getLatestValidationRun", params: { changeOrderId: orderId } });
  }
  await run({ title: "Create a change order template (the default YAML)", key: "createChangeOrderTemplate", params: { name: "Demo: dual approval" }, writes: true });
  await run({ title: "Raw Request: the key's own library", key: "rawRequest", params: { query: "{ library { current { id name } } }" } });
  await run({ title: "Get Current User has no documented Duro Hub query: the error says what to do", key: "getCurrentUser", fails: true });
  if (firstId) await run({ title: "Duro Hub documents no BOM field: the error says what to do", key: "getComponentChildren", params: { componentId: firstId }, fails: true });
};

type ConnectionValue = ReturnType<typeof createConnection>;

/** What a trigger step showed, and whether that is what it should show. */
interface TriggerStepResult {
  shown: string;
  asExpected: boolean;
}

type TriggerStepRunner = (title: string, step: () => Promise<TriggerStepResult>) => Promise<void>;

const webhookTriggerSteps = async (harness: TriggerHarness, sandbox: DuroSandbox, connection: ConnectionValue, runStep: TriggerStepRunner): Promise<void> => {
  const store = sandbox.v2Store.webhooks;
  const flow = webhookFlowInstance(harness, { params: () => ({ connection }), webhookUrl: () => receiver.url, logger });
  const receiver = await startDeliveryReceiver(flow.receive);
  const stored = () => store.webhooks.find((webhook) => webhook.id === flow.webhookId());
  const lastOutcome = () => receiver.received.at(-1);
  const delivery = async (request: DeliveryRequest, expectedBranch: string): Promise<TriggerStepResult> => {
    const { status } = await deliver(store, flow.webhookId(), request);
    const branch = lastOutcome()?.branch;
    return { shown: `HTTP ${status}, branch ${branch}`, asExpected: status === 200 && branch === expectedBranch };
  };
  const component = sandbox.data.components[0];
  const componentUpdated: DeliveryRequest = {
    event: "COMPONENT_UPDATED",
    eventId: "demo-event-1",
    metadata: { componentId: component.id, revisionValue: component.revisionValue, version: 2 },
  };
  try {
    await runStep("Webhook trigger, instance deployed: it registers a signed Duro webhook for the flow", async () => {
      await flow.deploy();
      const webhook = stored();
      return {
        shown: `webhook ${webhook?.id} delivers ${webhook?.events.join(", ")} to ${webhook?.url}, ${webhook?.signingSecret ? "signed (the secret stays in the instance state)" : "unsigned"}`,
        asExpected: Boolean(webhook?.isEnabled && webhook.signingSecret),
      };
    });
    await runStep(`Duro delivers ${componentUpdated.event} for ${component.id}, signed`, () => delivery(componentUpdated, "Component"));
    await runStep("Duro delivers the same eventId again (a retry)", () => delivery(componentUpdated, "Duplicate"));
    await runStep("Someone else posts that body with a made-up signature", async () => {
      const response = await fetch(receiver.url, {
        method: "POST",
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: "0".repeat(64) },
        body: JSON.stringify(store.logs.at(-1)?.payload),
      });
      const branch = lastOutcome()?.branch;
      return { shown: `HTTP ${response.status}, branch ${branch}`, asExpected: response.status === 401 && branch === "Rejected" };
    });
    await runStep("Instance deleted: the Duro webhook is archived", async () => {
      const id = flow.webhookId();
      await flow.remove();
      const archived = store.webhooks.find((webhook) => webhook.id === id)?.isArchived === true;
      return { shown: `webhook ${id} ${archived ? "archived" : "still live"}`, asExpected: archived };
    });
  } finally {
    await receiver.stop();
  }
};

const pollSummary = (result: PollResult): string => {
  const { created, updated, pending } = result.payload.body.data;
  const ids = (rows: Array<{ id: string }>) => `[${rows.map((row) => row.id).join(", ")}]`;
  return `created ${ids(created)}, updated ${ids(updated)}, pending ${pending}, polledNoChanges ${polledNoChanges(result)}`;
};

const pollingTriggerSteps = async (harness: TriggerHarness, sandbox: DuroSandbox, connection: ConnectionValue, runStep: TriggerStepRunner): Promise<void> => {
  const flow = pollingFlowInstance(harness, { params: () => ({ connection, resource: "components" }), logger });
  await runStep("Poll for Changed Records (components): first poll, looking back 24 hours", async () => {
    const result = await flow.poll();
    // The baseline: whatever it finds is right; the next polls show what changed after it.
    return { shown: pollSummary(result), asExpected: true };
  });
  // A company library component: classic Duro polls that library only.
  const [changed] = sandbox.data.components.filter((record) => record.libraryType === "GENERAL");
  const createdId = "demo-new-component";
  await runStep(`Second poll, after ${changed.id} changed and ${createdId} was created in Duro`, async () => {
    // Two minutes ago: older than the trigger's default settle time (60 s), so this poll may deliver them.
    const at = new Date(Date.now() - 2 * 60_000).toISOString();
    changeRecord(sandbox.data, "components", changed.id, { at });
    changeRecord(sandbox.data, "components", createdId, { at });
    const result = await flow.poll();
    const { created, updated } = result.payload.body.data;
    return {
      shown: pollSummary(result),
      asExpected: created.map((row) => row.id).join() === createdId && updated.map((row) => row.id).join() === changed.id,
    };
  });
  await runStep("Third poll: nothing changed since", async () => {
    const result = await flow.poll();
    return { shown: pollSummary(result), asExpected: polledNoChanges(result) };
  });
};

const main = async (): Promise<void> => {
  const harness = createHarness(duroComponent);
  const realKey = process.env.DURO_API_KEY;
  const writes = !realKey || process.env.DURO_DEMO_CREATE === "1";
  let unexpected = 0;

  const runAll = async (description: string, fields: Fields, steps: (run: (step: Step) => Promise<unknown>) => Promise<void>): Promise<void> => {
    console.log(`\n=== ${description} ===`);
    const connection = createConnection(duroApiKey, fields);
    await steps(async ({ title, key, params = {}, writes: changesData, fails, picklist }) => {
      if (changesData && !writes) {
        console.log(`\n▶ ${title}: skipped on a real account (set DURO_DEMO_CREATE=1 to allow changes).`);
        return undefined;
      }
      console.log(`\n▶ ${title}  (${key} ${JSON.stringify(params)})`);
      try {
        const output = picklist
          ? (await harness.dataSource(key, { connection, ...params }, { logger })).result
          : (await harness.action(key, { connection, ...params }, { logger }))?.data;
        console.log(JSON.stringify(forDisplay(output), null, 2).replace(/^/gm, "  "));
        if (fails) unexpected += 1;
        return output;
      } catch (error) {
        if (!fails) unexpected += 1;
        console.log(`  ✗ ${(error as Error).message}`);
        return undefined;
      }
    });
  };

  const runTriggerStep: TriggerStepRunner = async (title, step) => {
    console.log(`\n▶ ${title}`);
    try {
      const { shown, asExpected } = await step();
      console.log(`  ${asExpected ? "" : "✗ not as expected: "}${shown}`);
      if (!asExpected) unexpected += 1;
    } catch (error) {
      unexpected += 1;
      console.log(`  ✗ ${(error as Error).message}`);
    }
  };

  if (realKey) {
    const fields = {
      apiKey: realKey,
      duroEnvironment: process.env.DURO_ENVIRONMENT ?? "mfg",
      customDuroEnvironment: process.env.DURO_ENDPOINT ?? "",
      organization: process.env.DURO_ORGANIZATION ?? "",
      library: process.env.DURO_LIBRARY ?? "",
    };
    await runAll(`Duro (${fields.duroEnvironment}${fields.customDuroEnvironment ? `, ${fields.customDuroEnvironment}` : ""})`, fields, fields.duroEnvironment === "hub" ? hubSteps : classicSteps);
    console.log("\nTriggers: skipped on a real account (the demo needs the embedded sandbox to send webhook deliveries and change records).");
  } else {
    for (const dialect of ["classic", "v2"] as const) {
      const sandbox = await startSandbox({ dialect });
      try {
        const fields =
          dialect === "classic"
            ? { apiKey: sandbox.apiKey, duroEnvironment: "mfg", customDuroEnvironment: sandbox.url }
            : { apiKey: sandbox.apiKey, duroEnvironment: "hub", customDuroEnvironment: sandbox.url, organization: SANDBOX_ORGANIZATION.slug, library: SANDBOX_LIBRARY.slug };
        await runAll(`Embedded Duro sandbox, ${dialect === "classic" ? "classic API (Main/MFG)" : "Duro Hub (API v2)"} at ${sandbox.url}`, fields, dialect === "classic" ? classicSteps : hubSteps);
        const connection = createConnection(duroApiKey, fields);
        if (dialect === "v2") await webhookTriggerSteps(harness, sandbox, connection, runTriggerStep);
        await pollingTriggerSteps(harness, sandbox, connection, runTriggerStep);
      } finally {
        await sandbox.stop();
      }
    }
  }
  console.log(unexpected === 0 ? "\nDemo finished: every action ran as expected." : `\nDemo finished with ${unexpected} unexpected result(s).`);
  process.exitCode = unexpected === 0 ? 0 : 1;
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
