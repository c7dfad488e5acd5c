// The webhook management actions through spectral's harness against the Duro Hub sandbox over HTTP: the whole
// lifecycle, the documented input limits (checked before any request), and the signing secret kept out of sight.
// Then the webhook actions Prismatic recommends for an instance: List Webhooks narrowed to this instance's flow URLs,
// and Delete Instance Webhooks, which archives every Duro webhook delivering to them, and nothing else.
import { ActionContext } from "@prismatic-io/spectral";
import { DuroError } from "../src/client/errors";
import { SANDBOX_LIBRARY } from "../fixtures/sandbox";
import { describeHub, harness, hubConnection, recordingLogger, runAction, sandboxConnection, useSandbox } from "./support";

const SECRET = "webhook-secret-0123456789";

interface Webhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  isEnabled: boolean;
  isArchived: boolean;
  timeoutSeconds: number;
  maxRetries: number;
}

describeHub("webhook actions", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant });
  const run = async <T>(key: string, params: Record<string, unknown>, logger = recordingLogger().logger): Promise<T> =>
    ((await runAction(key, { connection: hubConnection(sandbox()), ...params }, { logger })) as { data: T }).data;
  const failure = async (key: string, params: Record<string, unknown>): Promise<DuroError> => {
    try {
      await runAction(key, { connection: hubConnection(sandbox()), ...params });
    } catch (error) {
      expect(error).toBeInstanceOf(DuroError);
      return error as DuroError;
    }
    throw new Error(`Expected "${key}" to fail.`);
  };
  let created: Webhook;

  it("createWebhook creates it in the connection's library, with Duro's defaults, and never returns the secret", async () => {
    const { lines, logger } = recordingLogger();
    created = await run<Webhook>(
      "createWebhook",
      { name: "ERP Sync", url: "https://hooks.example.com/duro", events: ["COMPONENT_CREATED", "COMPONENT_UPDATED"], signingSecret: SECRET, debugRequest: "true" },
      logger,
    );
    expect(created).toMatchObject({ name: "ERP Sync", isEnabled: true, isArchived: false, timeoutSeconds: 30, maxRetries: 3, events: ["COMPONENT_CREATED", "COMPONENT_UPDATED"] });
    expect(sandbox().hubStore.webhooks.webhooks[0]).toMatchObject({ id: created.id, signingSecret: SECRET });
    // The newest shape takes the library from x-library; the older one by ID, read from the connection's library.
    const sent = sandbox().requests.filter((request) => request.operationName?.startsWith("CreateWebhook"));
    expect(sent.map((request) => (request.variables?.input as { libraryId?: string }).libraryId)).toEqual([hubVariant === "newest" ? undefined : SANDBOX_LIBRARY.id]);
    expect(JSON.stringify(created)).not.toContain(SECRET);
    expect(lines.join("\n")).not.toContain(SECRET);
    expect(lines.join("\n")).toContain('"signingSecret":"[REDACTED]"');
  });

  it("listWebhooks and getWebhook return it", async () => {
    const list = await run<{ items: Webhook[] }>("listWebhooks", {});
    expect(list.items.map((webhook) => webhook.id)).toEqual([created.id]);
    const one = await run<Webhook>("getWebhook", { webhookId: created.id });
    expect(one).toEqual(list.items[0]);
  });

  it("updateWebhook disables it, adds and removes events, and changes the retries in one step", async () => {
    const updated = await run<Webhook>("updateWebhook", {
      webhookId: created.id,
      enabled: "disable",
      addEvents: "COMPONENT_DELETED",
      removeEvents: ["COMPONENT_CREATED"],
      maxRetries: "5",
    });
    expect(updated).toMatchObject({ isEnabled: false, maxRetries: 5, events: ["COMPONENT_UPDATED", "COMPONENT_DELETED"] });
    const requests = sandbox().requests.map((request) => request.operationName);
    expect(requests).toEqual(["UpdateWebhook", "AddWebhookEvents", "RemoveWebhookEvents"]);
  });

  it("updateWebhook with nothing to change just reads the webhook", async () => {
    const same = await run<Webhook>("updateWebhook", { webhookId: created.id });
    expect(same.id).toBe(created.id);
    expect(sandbox().requests.map((request) => request.operationName)).toEqual(["GetWebhook"]);
  });

  it("getWebhookLogs lists deliveries (none yet)", async () => {
    await expect(run("getWebhookLogs", { webhookId: created.id })).resolves.toEqual({ items: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });

  it("archiveWebhook archives it; then getWebhook fails with not-found naming the ID", async () => {
    const archived = await run<Webhook>("archiveWebhook", { webhookId: created.id });
    expect(archived).toMatchObject({ id: created.id, isArchived: true, isEnabled: false });
    const error = await failure("getWebhook", { webhookId: created.id });
    expect(error.kind).toBe("not-found");
    expect(error.message).toContain(created.id);
  });

  it.each([
    ["name", { name: "n".repeat(101) }, "the most is 100"],
    ["name", { name: "  " }, "required"],
    ["url", { url: "http://hooks.example.com/duro" }, "HTTPS URLs only"],
    ["url", { url: "not a url" }, "full HTTPS URL"],
    ["events", { events: ["COMPONENT_EXPLODED"] }, "unknown event"],
    ["events", { events: [] }, "at least one event"],
    ["signingSecret", { signingSecret: "short-secret-15" }, "at least 16 characters"],
    ["timeoutSeconds", { timeoutSeconds: "4" }, "from 5 to 300"],
    ["timeoutSeconds", { timeoutSeconds: "301" }, "from 5 to 300"],
    ["maxRetries", { maxRetries: "11" }, "from 0 to 10"],
    ["description", { description: "d".repeat(501) }, "the most is 500"],
  ])("createWebhook refuses a bad %s before any request", async (key, params, message) => {
    const error = await failure("createWebhook", { name: "Valid", url: "https://hooks.example.com/duro", events: ["COMPONENT_UPDATED"], ...params });
    expect(error.kind).toBe("invalid-input");
    expect(error.input).toBe(key);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain("short-secret-15");
    expect(sandbox().requests).toHaveLength(0);
  });
});

describe("webhook actions on classic Duro", () => {
  const sandbox = useSandbox();

  it("fail before any request, pointing to Raw Request", async () => {
    await expect(runAction("getWebhook", { connection: sandboxConnection(sandbox()), webhookId: "wh-1" })).rejects.toMatchObject({
      kind: "invalid-input",
      message: expect.stringContaining("Raw Request"),
    });
    expect(sandbox().requests).toHaveLength(0);
  });
});

const FLOW_URLS = {
  "Duro changes": "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjE=",
  "Duro change orders": "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjI=",
};
const ELSEWHERE = "https://hooks.example.com/erp";

describe("this instance's Duro webhooks", () => {
  const sandbox = useSandbox({ dialect: "hub" });
  const context = { logger: recordingLogger().logger, webhookUrls: FLOW_URLS } as unknown as Partial<ActionContext>;
  const run = async <T>(key: string, params: Record<string, unknown> = {}): Promise<T> =>
    (await harness.action(key, { connection: hubConnection(sandbox()), ...params }, context))?.data as T;
  const create = (name: string, url: string) => run<Webhook>("createWebhook", { name, url, events: ["COMPONENT_UPDATED"] });

  it("List Webhooks with Only This Instance's shows the webhooks at the instance's flow URLs; Delete Instance Webhooks archives exactly those", async () => {
    const ours = [await create("Flow one", FLOW_URLS["Duro changes"]), await create("Flow two", FLOW_URLS["Duro change orders"])];
    const other = await create("ERP", ELSEWHERE);

    const all = await run<{ items: Webhook[] }>("listWebhooks");
    expect(all.items.map((webhook) => webhook.id)).toEqual(expect.arrayContaining([...ours, other].map((webhook) => webhook.id)));
    const mine = await run<{ items: Webhook[]; pageInfo: unknown }>("listWebhooks", { onlyThisInstance: "true" });
    expect(mine.items.map((webhook) => webhook.id).sort()).toEqual(ours.map((webhook) => webhook.id).sort());
    expect(mine.pageInfo).toEqual({ hasNextPage: false, endCursor: null });

    const { archived } = await run<{ archived: Webhook[] }>("deleteInstanceWebhooks");
    expect(archived.map((webhook) => webhook.id).sort()).toEqual(ours.map((webhook) => webhook.id).sort());
    expect(archived.every((webhook) => webhook.isArchived)).toBe(true);

    const left = await run<{ items: Webhook[] }>("listWebhooks");
    expect(left.items.map((webhook) => webhook.id)).toContain(other.id);
    expect(left.items.map((webhook) => webhook.id)).not.toEqual(expect.arrayContaining(ours.map((webhook) => webhook.id)));
    await expect(run("deleteInstanceWebhooks")).resolves.toEqual({ archived: [] });
  });

  it("with no flow URLs (no webhook trigger on the instance) archives nothing and sends nothing", async () => {
    const result = await harness.action("deleteInstanceWebhooks", { connection: hubConnection(sandbox()) }, { ...context, webhookUrls: {} });
    expect(result?.data).toEqual({ archived: [] });
    expect(sandbox().requests).toHaveLength(0);
  });
});
