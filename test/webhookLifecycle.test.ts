// The webhook trigger on Prismatic's webhook lifecycle handlers: the platform runs `create` and `delete` on deploy and
// delete, and for a designer's listening mode or Test Deploy (on a test instance); the registered webhook lives in the
// instance's cross-flow state under the flow's stable ID, where deliveries read it. Deploy-time code must end within
// Prismatic's 30 s even when Duro is slow.
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { DeliveryReceiver, FLOW, INSTANCE, LISTENING_INSTANCE, startDeliveryReceiver, webhookFlowInstance } from "../fixtures/flowInstance";
import { deliver } from "../fixtures/webhooks";
import { duroApiKey } from "../src/connections/duroApiKey";
import { webhookStateKey } from "../src/triggers/webhook";
import { useScriptedServer } from "./servers";
import { harness, hubConnection, recordingLogger, useSandbox } from "./support";

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
