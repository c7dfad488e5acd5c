// The webhook trigger as a deployed instance lives it, through spectral's harness against the Duro Hub sandbox over
// HTTP: deploy registers a signed webhook, the sandbox POSTs signed deliveries to a small receiver that hands them to
// the trigger (as Prismatic would), and delete archives the webhook. Then every way a delivery can be wrong, and the
// trigger on Prismatic's webhook lifecycle handlers: the platform runs `create` and `delete` on deploy and delete, and
// for a designer's listening mode or Test Deploy (on a test instance); the registered webhook lives in the instance's
// cross-flow state under the flow's stable ID, where deliveries read it. Deploy-time code must end within Prismatic's
// 30 s even when Duro is slow.
import { createHmac } from "node:crypto";
import { ActionContext, TriggerPayload } from "@prismatic-io/spectral";
import { defaultTriggerPayload, createConnection } from "@prismatic-io/spectral/dist/testing";
import { DeliveryReceiver, deliveryPayload, FLOW, FLOW_NAME, startDeliveryReceiver, TriggerOutcome, webhookFlowInstance, INSTANCE, LISTENING_INSTANCE } from "../fixtures/flowInstance";
import { deliver } from "../fixtures/webhooks";
import { duroApiKey } from "../src/connections/duroApiKey";
import { RECENT_EVENTS_STATE_KEY, webhookStateKey } from "../src/triggers/webhook";
import { useScriptedServer } from "./servers";
import { describeHub, harness, hubConnection, recordingLogger, runAction, sandboxConnection, shapeDifferences, useSandbox } from "./support";

type State = Record<string, unknown>;

const sign = (body: string, secret: string): string => createHmac("sha256", secret).update(body, "utf8").digest("hex");

/** One instance's flow with debug on, keeping its log lines. */
const instanceOf = (sandbox: () => Parameters<typeof hubConnection>[0], webhookUrl: () => string) => {
  const { lines, logger } = recordingLogger();
  return { ...webhookFlowInstance(harness, { params: () => ({ connection: hubConnection(sandbox()) }), webhookUrl, logger, globalDebug: true }), lines };
};

const componentEvent = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    event: "components.updated",
    eventId: "550e8400-e29b-41d4-a716-446655440000",
    sourceId: "nats-msg-1",
    // Signed deliveries older than the duplicate window are refused as possible replays: the event is from now.
    timestamp: new Date().toISOString(),
    metadata: { componentId: "cmp-00001", revisionValue: "1.B", version: 2 },
    ...overrides,
  });

describeHub("webhook trigger: a deployed instance end to end", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant });
  let receiver: DeliveryReceiver;
  let instance: ReturnType<typeof instanceOf>;

  beforeAll(async () => {
    instance = instanceOf(sandbox, () => receiver.url);
    receiver = await startDeliveryReceiver(instance.receive);
  });
  afterAll(() => receiver.stop());

  it("deploy registers one enabled, signed Duro webhook at the flow's URL for the picked events", async () => {
    await instance.deploy();
    const webhooks = sandbox().hubStore.webhooks.webhooks;
    expect(webhooks).toHaveLength(1);
    const [registered] = webhooks;
    expect(registered).toMatchObject({
      id: instance.webhookId(),
      url: receiver.url,
      events: ["COMPONENT_CREATED", "COMPONENT_UPDATED", "COMPONENT_DELETED"],
      isEnabled: true,
      isArchived: false,
      signingSecret: instance.secret(),
    });
    expect(registered.name).toContain(INSTANCE.id);
    expect(instance.secret()).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a signed delivery is answered 200 and takes the Component branch with typed fields", async () => {
    const { status } = await deliver(sandbox().hubStore.webhooks, instance.webhookId(), {
      event: "COMPONENT_UPDATED",
      eventId: "evt-1",
      metadata: { componentId: "cmp-00007", revisionValue: "1.C", version: 3 },
    });
    expect(status).toBe(200);
    const outcome = receiver.received.at(-1) as TriggerOutcome;
    expect(outcome.branch).toBe("Component");
    expect(outcome.payload.body.data).toMatchObject({
      event: "components.updated",
      eventType: "COMPONENT_UPDATED",
      family: "component",
      eventId: "evt-1",
      componentId: "cmp-00007",
      revisionValue: "1.C",
      version: 3,
      duplicate: false,
    });
  });

  it("the same eventId again is answered 200 and takes the Duplicate branch", async () => {
    const { status } = await deliver(sandbox().hubStore.webhooks, instance.webhookId(), {
      event: "COMPONENT_UPDATED",
      eventId: "evt-1",
      metadata: { componentId: "cmp-00007", revisionValue: "1.C", version: 3 },
    });
    expect(status).toBe(200);
    expect(receiver.received.at(-1)?.branch).toBe("Duplicate");
    expect((receiver.received.at(-1)?.payload.body.data as { duplicate: boolean }).duplicate).toBe(true);
  });

  it("Duro's delivery logs show both deliveries acknowledged (getWebhookLogs)", async () => {
    const { data } = (await runAction("getWebhookLogs", { connection: hubConnection(sandbox()), webhookId: instance.webhookId() })) as {
      data: { items: Array<{ status: string; responseCode: number; attemptCount: number }> };
    };
    expect(data.items.map(({ status, responseCode, attemptCount }) => [status, responseCode, attemptCount])).toEqual([
      ["DELIVERED", 200, 1],
      ["DELIVERED", 200, 1],
    ]);
    expect(shapeDifferences(data, (harness.component.actions.getWebhookLogs.examplePayload as { data: unknown }).data)).toEqual([]);
  });

  it("a redeploy keeps the same webhook and secret", async () => {
    const [id, secret] = [instance.webhookId(), instance.secret()];
    await instance.deploy();
    expect([instance.webhookId(), instance.secret()]).toEqual([id, secret]);
    expect(sandbox().hubStore.webhooks.webhooks.filter((webhook) => !webhook.isArchived)).toHaveLength(1);
  });

  it("delete archives the webhook, and Duro stops listing it", async () => {
    const id = instance.webhookId();
    await instance.remove();
    expect(sandbox().hubStore.webhooks.webhooks.find((webhook) => webhook.id === id)?.isArchived).toBe(true);
    const { data } = (await runAction("listWebhooks", { connection: hubConnection(sandbox()) })) as { data: { items: unknown[] } };
    expect(data.items).toEqual([]);
  });

  it("the signing secret appeared in no log line (debug on) and no trigger result", () => {
    const secret = (sandbox().hubStore.webhooks.webhooks[0].signingSecret ?? "") as string;
    expect(secret).toHaveLength(64);
    expect(instance.lines.length).toBeGreaterThan(0);
    expect(instance.lines.join("\n")).not.toContain(secret);
    expect(instance.lines.join("\n")).toContain("[REDACTED]");
    expect(JSON.stringify(receiver.received)).not.toContain(secret);
  });
});

describeHub("webhook trigger: lost state", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant });
  const url = "https://hooks.example.com/trigger/lost-state";

  it("deploy without a stored ID adopts the webhook already at the flow's URL (with a new secret), and delete finds it by URL", async () => {
    const first = instanceOf(sandbox, () => url);
    await first.deploy();
    const oldSecret = first.secret();

    const again = instanceOf(sandbox, () => url);
    await again.deploy();
    expect(again.webhookId()).toBe(first.webhookId());
    expect(again.secret()).not.toBe(oldSecret);
    expect(sandbox().hubStore.webhooks.webhooks[0].signingSecret).toBe(again.secret());

    const forgetful = instanceOf(sandbox, () => url);
    await forgetful.remove();
    expect(sandbox().hubStore.webhooks.webhooks.map((webhook) => webhook.isArchived)).toEqual([true]);
  });

  it("delete with nothing registered archives nothing and says so", async () => {
    const nobody = instanceOf(sandbox, () => "https://hooks.example.com/trigger/never-deployed");
    await nobody.remove();
    expect(nobody.lines.join("\n")).toContain("nothing to archive");
  });
});

describe("webhook trigger: every delivery is verified", () => {
  const SECRET = "a".repeat(16) + "-test-signing-secret";
  const crossFlowState = (): State => ({ [webhookStateKey(FLOW)]: { id: "wh-1", url: "https://example.com", signingSecret: SECRET } });
  const run = async (payload: Partial<TriggerPayload>, context: Record<string, unknown> = {}) => {
    const { lines, logger } = recordingLogger();
    const outcome = (await harness.trigger("webhook", payload, { connection: { key: "duroApiKey", fields: {} } }, {
      logger,
      flow: FLOW,
      crossFlowState: crossFlowState(),
      instanceState: {},
      globalDebug: true,
      ...context,
    } as unknown as Partial<ActionContext>)) as unknown as TriggerOutcome;
    expect([...lines, JSON.stringify(outcome)].join("\n")).not.toContain(SECRET);
    return { outcome, lines };
  };
  const signed = (body: string, secret = SECRET) => deliveryPayload(body, { "X-Webhook-Signature": sign(body, secret) });

  it("accepts a good signature (header name in any case) with 200", async () => {
    const { outcome } = await run(signed(componentEvent()));
    expect(outcome.response.statusCode).toBe(200);
    expect(outcome.branch).toBe("Component");
  });

  it("accepts a raw body with unicode, signed over its UTF-8 bytes", async () => {
    const body = componentEvent({ metadata: { componentId: "cmp-Ω-µ-日本", revisionValue: "1.Ä", version: 1 } });
    const { outcome } = await run(signed(body));
    expect(outcome.response.statusCode).toBe(200);
    expect((outcome.payload.body.data as { componentId: string }).componentId).toBe("cmp-Ω-µ-日本");
  });

  it.each([
    ["a missing signature", () => deliveryPayload(componentEvent()), "header is missing"],
    ["a bad signature", () => deliveryPayload(componentEvent(), { "x-webhook-signature": "0".repeat(64) }), "does not match"],
    ["a short signature", () => deliveryPayload(componentEvent(), { "x-webhook-signature": "abc" }), "does not match"],
    ["a tampered body", () => ({ ...signed(componentEvent()), rawBody: { data: componentEvent({ eventId: "forged" }) } }), "does not match"],
    ["the wrong secret", () => signed(componentEvent(), "another-secret-of-16+chars"), "does not match"],
  ])("rejects %s with 401 and the Rejected branch, without the body", async (_, payload, reason) => {
    const { outcome, lines } = await run(payload());
    expect(outcome.response.statusCode).toBe(401);
    expect(outcome.branch).toBe("Rejected");
    expect(outcome.payload.body.data).toEqual({ rejected: true, statusCode: 401, reason: expect.stringContaining(reason) });
    expect(outcome.instanceState).toBeUndefined();
    expect(lines.join("\n")).toContain("rejected with HTTP 401");
  });

  it("rejects a delivery with 401 when the instance has no secret (never deployed)", async () => {
    const { outcome } = await run(signed(componentEvent()), { crossFlowState: {} });
    expect(outcome.response.statusCode).toBe(401);
    expect((outcome.payload.body.data as { reason: string }).reason).toContain("redeploy");
  });

  it.each([
    ["not JSON", "{not json", "not JSON"],
    ["an unknown event", componentEvent({ event: "components.exploded" }), '"event" must be one of'],
    ["no eventId", componentEvent({ eventId: undefined }), '"eventId"'],
    ["a bad timestamp", componentEvent({ timestamp: "yesterday" }), '"timestamp"'],
    ["no componentId", componentEvent({ metadata: { version: 1 } }), "componentId"],
  ])("rejects a signed body that is %s with 400", async (_, body, reason) => {
    const { outcome } = await run(signed(body));
    expect(outcome.response.statusCode).toBe(400);
    expect(outcome.branch).toBe("Rejected");
    expect((outcome.payload.body.data as { reason: string }).reason).toContain(reason);
  });

  it("routes a change order event (announced by Duro) to the Change Order branch", async () => {
    const body = componentEvent({ event: "change_orders.opened", metadata: { changeOrderId: "co-00001" } });
    const { outcome } = await run(signed(body));
    expect(outcome.branch).toBe("Change Order");
    expect(outcome.payload.body.data).toMatchObject({ eventType: "CHANGE_ORDER_OPENED", family: "changeOrder", componentId: null });
  });

  it("a duplicate is one only within the window", async () => {
    const body = componentEvent({ eventId: "evt-window" });
    const longAgo = Date.now() - 2 * 60 * 60_000;
    const { outcome } = await run(signed(body), { instanceState: { [RECENT_EVENTS_STATE_KEY]: { "evt-window": longAgo } } });
    expect(outcome.branch).toBe("Component");
    const recent = { "evt-window": Date.now() - 60_000 };
    const { outcome: again } = await run(signed(body), { instanceState: { [RECENT_EVENTS_STATE_KEY]: recent } });
    expect(again.branch).toBe("Duplicate");
  });

  it("a simulated test execution skips the signature check and says so", async () => {
    const { outcome, lines } = await run(deliveryPayload(componentEvent()), { isSimulatedTestExecution: true, crossFlowState: {} });
    expect(outcome.response.statusCode).toBe(200);
    expect(outcome.branch).toBe("Component");
    expect(lines.join("\n")).toContain("Simulated test execution: the X-Webhook-Signature check is skipped");
  });

  it("a non-simulated run of the harness's default payload (a parsed body, no raw string) is rejected with 401", async () => {
    const { outcome } = await run(defaultTriggerPayload());
    expect(outcome.response.statusCode).toBe(401);
  });

  it("its example payload has the shape of a real result (the parts the trigger makes; the platform fills the rest)", async () => {
    const { outcome } = await run(signed(componentEvent()));
    const own = ({ payload, response, branch, instanceState }: TriggerOutcome) => ({ body: payload.body, response, branch, instanceState });
    expect(shapeDifferences(own(outcome), own(harness.component.triggers.webhook.examplePayload as TriggerOutcome))).toEqual([]);
  });
});

describe("webhook trigger: deploy refusals", () => {
  const sandbox = useSandbox();
  const deploying = (connection: () => unknown, webhookUrl: string) =>
    webhookFlowInstance(harness, { params: () => ({ connection: connection() }), webhookUrl: () => webhookUrl, logger: recordingLogger().logger });

  it("on a classic connection fails before any request, saying webhooks are Duro Hub only", async () => {
    await expect(deploying(() => sandboxConnection(sandbox()), "https://hooks.example.com/x").deploy()).rejects.toMatchObject({
      kind: "invalid-input",
      message: expect.stringContaining("Duro Hub (API v2)"),
    });
    expect(sandbox().requests).toHaveLength(0);
  });

  it("without a webhook URL for the flow fails naming the flow, before any request", async () => {
    await expect(deploying(() => hubConnection(sandbox()), "").deploy()).rejects.toMatchObject({ kind: "invalid-input", message: expect.stringContaining(`"${FLOW_NAME}"`) });
    expect(sandbox().requests).toHaveLength(0);
  });
});

describe("the webhook trigger's lifecycle", () => {
  it("is declared as webhook lifecycle handlers only, so the platform registers once per deploy", () => {
    const trigger = harness.component.triggers.webhook;
    expect(trigger.hasWebhookCreateFunction).toBe(true);
    expect(trigger.hasWebhookDeleteFunction).toBe(true);
    expect(trigger.onInstanceDeploy).toBeUndefined();
    expect(trigger.onInstanceDelete).toBeUndefined();
  });
});

describe("listening mode and Test Deploy: a test instance against live Duro deliveries", () => {
  const sandbox = useSandbox({ dialect: "hub" });
  const receivers: DeliveryReceiver[] = [];
  afterAll(async () => Promise.all(receivers.map((receiver) => receiver.stop())));

  /** One flow of one instance with its own receiving URL. */
  const flowOn = async (instance: { id: string; name: string }, options: { flow?: typeof FLOW; crossFlowState?: Record<string, unknown> } = {}) => {
    const at: { receiver?: DeliveryReceiver } = {};
    const flow = webhookFlowInstance(harness, {
      params: () => ({ connection: hubConnection(sandbox()) }),
      webhookUrl: () => at.receiver?.url ?? "",
      logger: recordingLogger().logger,
      instance,
      ...options,
    });
    const receiver = await startDeliveryReceiver(flow.receive);
    at.receiver = receiver;
    receivers.push(receiver);
    return { ...flow, receiver };
  };

  it("turning listening on registers a webhook for the test instance; deliveries verify; turning it off archives only that one", async () => {
    const deployed = await flowOn(INSTANCE);
    await deployed.deploy();
    const listening = await flowOn(LISTENING_INSTANCE);
    await listening.deploy();

    const store = sandbox().hubStore.webhooks;
    const testHook = store.webhooks.find((webhook) => webhook.id === listening.webhookId());
    expect(testHook).toMatchObject({ url: listening.receiver.url, isEnabled: true, isArchived: false });
    expect(testHook?.name).toContain(LISTENING_INSTANCE.id);
    expect(listening.webhookId()).not.toBe(deployed.webhookId());
    expect(Object.keys(listening.crossFlowState)).toEqual([webhookStateKey(FLOW)]);
    expect(listening.state).toEqual({});

    const { status } = await deliver(store, listening.webhookId(), { event: "COMPONENT_UPDATED", eventId: "evt-listen", metadata: { componentId: "cmp-00003" } });
    expect(status).toBe(200);
    expect(listening.receiver.received.at(-1)).toMatchObject({ branch: "Component", response: { statusCode: 200 } });

    await listening.remove();
    expect(listening.crossFlowState).toEqual({});
    expect(store.webhooks.find((webhook) => webhook.id === testHook?.id)?.isArchived).toBe(true);
    expect(store.webhooks.find((webhook) => webhook.id === deployed.webhookId())?.isArchived).toBe(false);
  });

  it("two flows of one instance keep their own webhook and secret side by side in the cross-flow state", async () => {
    const shared: Record<string, unknown> = {};
    const instance = { id: "instance-43", name: "Beta Motors" };
    const first = await flowOn(instance, { crossFlowState: shared });
    const second = await flowOn(instance, { crossFlowState: shared, flow: { id: "flow-2", name: "Duro change orders", stableId: "duro-change-orders" } });
    await first.deploy();
    await second.deploy();
    expect(Object.keys(shared).sort()).toEqual([webhookStateKey(FLOW), webhookStateKey({ stableId: "duro-change-orders" })].sort());
    expect(first.secret()).not.toBe(second.secret());

    const store = sandbox().hubStore.webhooks;
    await deliver(store, second.webhookId(), { event: "COMPONENT_CREATED", eventId: "evt-second", metadata: { componentId: "cmp-00004" } });
    expect(second.receiver.received.at(-1)?.response.statusCode).toBe(200);
    await first.remove();
    expect(Object.keys(shared)).toEqual([webhookStateKey({ stableId: "duro-change-orders" })]);
  });
});

describe("deploy when Duro is too slow", () => {
  const server = useScriptedServer();
  const slowConnection = (timeoutSeconds: string) =>
    createConnection(duroApiKey, {
      apiKey: "slow-duro-key-0123456789",
      duroEnvironment: "hub",
      customDuroEnvironment: server().url,
      organization: "@acme-robotics",
      library: "@acme-robotics/robot-arm",
      timeoutSeconds,
      retryBaseDelayMs: "0",
    });
  const deployOn = (connection: ReturnType<typeof slowConnection>) =>
    webhookFlowInstance(harness, { params: () => ({ connection }), webhookUrl: () => "https://hooks.example.com/trigger/slow", logger: recordingLogger().logger }).deploy();

  it("fails with a timeout that names the flow and deploy's time limit, after at most two attempts", async () => {
    server().answerWith(undefined);
    await expect(deployOn(slowConnection("1"))).rejects.toMatchObject({
      kind: "timeout",
      message: expect.stringMatching(new RegExp(`^Registering the Duro webhook for the flow "${FLOW.name}" did not finish: .*timed out.*Prismatic gives a deploy 30 s`)),
    });
    expect(server().requests).toBe(2);
  });

  it("shortens a longer connection timeout to fit deploy time (5 s a request, two attempts)", async () => {
    server().answerWith(undefined);
    await expect(deployOn(slowConnection("300"))).rejects.toMatchObject({ kind: "timeout", message: expect.stringContaining("timed out after 5000 ms") });
    expect(server().requests).toBe(2);
  }, 30_000);
});
