// The demo's steps, per dialect, in the order they run. To show a new action, add one line to classicSteps or
// hubSteps: actionStep(key, { note, params, as, writes, expectError, describe }) (picklistStep for a picklist); the
// runner measures it and prints its line. A step that is not an action (a trigger, say) is a Step with its own run().
import { changeRecord } from "../../fixtures/changes";
import { DeliveryReceiver, polledNoChanges, pollingFlowInstance, PollResult, startDeliveryReceiver, webhookFlowInstance } from "../../fixtures/flowInstance";
import { deliver, DeliveryRequest } from "../../fixtures/webhooks";
import { SIGNATURE_HEADER } from "../../src/triggers/webhookDelivery";
import { actionStep, firstIdOf, forwardingLogger, picklistStep, SkipStep, Step, StepContext, StepResult, triggerLabel } from "./step";

const skip = (reason: string): never => {
  throw new SkipStep(reason);
};

type Page = { items: Array<{ id: string }>; pageInfo: { endCursor: string | null } };

/** The first components listed, and one ID Duro does not have. */
const idsWithAnUnknownOne = ({ earlier }: StepContext): string => [...earlier<Page>("page").items.map((item) => item.id), "no-such-id"].join(",");

export const classicSteps: Step[] = [
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
  actionStep("listCompanyUsers"),
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
  actionStep("listChangeOrders", { note: "newest change first", params: { orderBy: '[{"lastModified": "desc"}]', first: "3" } }),
  actionStep("listChangeOrders", { note: "every OPEN ECO (Fetch All)", params: { status: "OPEN", type: "ECO", fetchAll: "true" } }),
  picklistStep("selectChangeOrder", { note: "status DRAFT", params: { status: "DRAFT" } }),
  actionStep("createChangeOrder", { note: "a draft ECO", writes: true, params: { name: "Demo: replace bracket supplier", description: "Created by the connector demo" } }),
  actionStep("rawRequest", { note: "the default query", describe: (output) => ({ result: `data.${Object.keys(output as object).join(", data.")}` }) }),
  actionStep("getComponentById", { note: "an unknown ID", params: { componentId: "no-such-id" }, expectError: "not-found" }),
  actionStep("getChangeOrderById", { note: "Duro Hub only", params: { changeOrderId: "co-00001" }, expectError: "invalid-input" }),
];

export const hubSteps: Step[] = [
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
  actionStep("listChangeOrders", { note: "first 3", params: { first: "3" }, as: "orders" }),
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

/**
 * The Duro Hub webhook trigger on one instance: deploy registers a signed webhook, the sandbox delivers an event
 * (twice: a retry), someone posts a forged signature, delete archives the webhook.
 */
export const webhookTriggerSteps = (): Step[] => {
  const label = triggerLabel("webhook");
  const logger = forwardingLogger();
  let deployed: { flow: ReturnType<typeof webhookFlowInstance>; receiver: DeliveryReceiver } | undefined;
  const instance = (context: StepContext) => {
    logger.use(context);
    return deployed ?? skip("the instance was not deployed");
  };
  const lastBranch = () => deployed?.receiver.received.at(-1)?.branch;
  const step = (note: string, run: Step["run"]): Step => ({ key: "webhook", label, note, sandboxOnly: true, run });
  const componentUpdated = (context: StepContext): DeliveryRequest => {
    const component = sandboxOf(context).data.components[0];
    return { event: "COMPONENT_UPDATED", eventId: "demo-event-1", metadata: { componentId: component.id, revisionValue: component.revisionValue, version: 2 } };
  };
  const delivery = (note: string, expectedBranch: string): Step =>
    step(note, async (context) => {
      const { status } = await deliver(sandboxOf(context).v2Store.webhooks, instance(context).flow.webhookId(), componentUpdated(context));
      return triggerResult(`HTTP ${status}, branch ${lastBranch()}`, status === 200 && lastBranch() === expectedBranch);
    });
  return [
    step("instance deployed", async (context) => {
      logger.use(context);
      const flow = webhookFlowInstance(context.harness, { params: () => ({ connection: context.connection }), webhookUrl: () => receiver.url, logger: logger.logger });
      const receiver = await startDeliveryReceiver(flow.receive);
      context.onFinish(receiver.stop);
      deployed = { flow, receiver };
      await flow.deploy();
      const webhook = sandboxOf(context).v2Store.webhooks.webhooks.find((candidate) => candidate.id === flow.webhookId());
      return triggerResult(
        `a webhook registered for ${webhook?.events.join(", ")}, ${webhook?.signingSecret ? "signed" : "unsigned"}`,
        Boolean(webhook?.isEnabled && webhook.signingSecret),
      );
    }),
    actionStep("listWebhooks", { note: "the instance's webhook among them" }),
    delivery("Duro delivers COMPONENT_UPDATED, signed", "Component"),
    delivery("the same eventId again (a retry)", "Duplicate"),
    step("a body with a forged signature", async (context) => {
      const response = await fetch(instance(context).receiver.url, {
        method: "POST",
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: "0".repeat(64) },
        body: JSON.stringify(sandboxOf(context).v2Store.webhooks.logs.at(-1)?.payload),
      });
      return triggerResult(`HTTP ${response.status}, branch ${lastBranch()}`, response.status === 401 && lastBranch() === "Rejected");
    }),
    step("instance deleted", async (context) => {
      const { flow } = instance(context);
      const id = flow.webhookId();
      await flow.remove();
      const archived = sandboxOf(context).v2Store.webhooks.webhooks.find((webhook) => webhook.id === id)?.isArchived === true;
      return triggerResult(archived ? "its webhook archived" : "its webhook still live", archived);
    }),
  ];
};

const pollLine = (result: PollResult): string => {
  const { created, updated, pending } = result.payload.body.data;
  const ids = (rows: Array<{ id: string }>) => (rows.length ? rows.map((row) => row.id).join(", ") : "none");
  return `created: ${ids(created)}; updated: ${ids(updated)}; pending ${pending}${polledNoChanges(result) ? "; no changes" : ""}`;
};

/** Three polls of pollChanges on one instance: a baseline, one after two records changed, one with nothing new. */
export const pollingTriggerSteps = (): Step[] => {
  const label = triggerLabel("pollChanges");
  const logger = forwardingLogger();
  let flow: ReturnType<typeof pollingFlowInstance> | undefined;
  const createdId = "demo-new-component";
  // A company library component: classic Duro polls that library only.
  const changedId = (context: StepContext) => sandboxOf(context).data.components.find((record) => record.libraryType === "GENERAL")?.id ?? "";
  const poll = (note: string, check: (result: PollResult, context: StepContext) => boolean, before?: (context: StepContext) => void): Step => ({
    key: "pollChanges",
    label,
    note,
    sandboxOnly: true,
    run: async (context) => {
      logger.use(context);
      flow ??= pollingFlowInstance(context.harness, { params: () => ({ connection: context.connection, resource: "components" }), logger: logger.logger });
      before?.(context);
      const result = await flow.poll();
      return triggerResult(pollLine(result), check(result, context), result.payload.body.data);
    },
  });
  return [
    // The baseline: whatever it finds is right; the next polls show what changed after it.
    poll("first poll, 24 hours back", () => true),
    poll(
      "after a change and a new record",
      (result, context) => {
        const { created, updated } = result.payload.body.data;
        return created.map((row) => row.id).join() === createdId && updated.map((row) => row.id).join() === changedId(context);
      },
      (context) => {
        // Two minutes ago: older than the trigger's default settle time (60 s), so this poll may deliver them.
        const at = new Date(Date.now() - 2 * 60_000).toISOString();
        changeRecord(sandboxOf(context).data, "components", changedId(context), { at });
        changeRecord(sandboxOf(context).data, "components", createdId, { at });
      },
    ),
    poll("nothing changed since", (result) => polledNoChanges(result)),
  ];
};
