// The webhook actions Prismatic recommends for an instance: List Webhooks narrowed to this instance's flow URLs, and
// Delete Instance Webhooks, which archives every Duro webhook delivering to them, and nothing else.
import { ActionContext } from "@prismatic-io/spectral";
import { harness, hubConnection, recordingLogger, useSandbox } from "./support";

const FLOW_URLS = {
  "Duro changes": "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjE=",
  "Duro change orders": "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjI=",
};
const ELSEWHERE = "https://hooks.example.com/erp";

interface Webhook {
  id: string;
  url: string;
  isArchived: boolean;
}

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
