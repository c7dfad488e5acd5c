// Fetch All over every list action, in both dialects: one action call reads the whole list in ceil(N / 100)
// requests, a cap cuts it short and says so, the cut list continues from its cursor, and a cursor Duro repeats
// stops the loop with an error instead of looping.
import { createSeed } from "../fixtures/seed";
import { DuroError } from "../src/client/errors";
import { ENDPOINT_CASES, recordingLogger, runAction, sandboxConnection, useSandbox } from "./support";
import { classicComponentNode } from "./servers";

const SEED = { components: 2_800, changeOrders: 310 };
const seed = createSeed(SEED);
const generalIds = seed.components.filter((component) => component.libraryType === "GENERAL").map((component) => component.id);

interface CollectedList {
  items: Array<{ id: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
  truncated: boolean;
}

/** The page size each request asked for, in either dialect's variables. */
const requestedPageSizes = (variables: Array<Record<string, unknown> | undefined>): unknown[] =>
  variables.map((vars) => vars?.first ?? (vars?.pagination as { first?: unknown } | undefined)?.first);

describe.each(ENDPOINT_CASES)("Fetch All, $name dialect", ({ dialect, hubVariant, connectionFor: connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant, seed: SEED });
  const list = async (key: string, params: Record<string, unknown>, logger = recordingLogger().logger) =>
    (await runAction(key, { connection: connectionFor(sandbox()), ...params }, { logger }))?.data as CollectedList;

  it(`lists all ${generalIds.length} components with one action call in ceil(N / 100) requests of 100`, async () => {
    const result = await list("listComponents", { fetchAll: "true" });
    expect(result.items.map((item) => item.id)).toEqual(generalIds);
    expect(result.truncated).toBe(false);
    expect(result.pageInfo.hasNextPage).toBe(false);
    expect(sandbox().requests).toHaveLength(Math.ceil(generalIds.length / 100));
    expect(new Set(requestedPageSizes(sandbox().requests.map((request) => request.variables)))).toEqual(new Set([100]));
  });

  it("lists all change orders the same way", async () => {
    const result = await list("listChangeOrders", { fetchAll: true });
    expect(result.items.map((item) => item.id)).toEqual(seed.changeOrders.map((order) => order.id));
    expect(sandbox().requests).toHaveLength(Math.ceil(seed.changeOrders.length / 100));
  });

  it("stops at Max Items, says the list was cut, and continues from its cursor without overlap", async () => {
    const cut = await list("listComponents", { fetchAll: "true", maxItems: "250" });
    expect(cut.items.map((item) => item.id)).toEqual(generalIds.slice(0, 250));
    expect(cut.truncated).toBe(true);
    expect(cut.pageInfo.hasNextPage).toBe(true);
    expect(requestedPageSizes(sandbox().requests.map((request) => request.variables))).toEqual([100, 100, 50]);

    const rest = await list("listComponents", { fetchAll: "true", after: cut.pageInfo.endCursor });
    expect(rest.items.map((item) => item.id)).toEqual(generalIds.slice(250));
    expect(rest.truncated).toBe(false);
  });

  it("reports progress every 10 pages on a long read", async () => {
    const { lines, logger } = recordingLogger();
    await list("listComponents", { fetchAll: "true" }, logger);
    const progress = lines.filter((line) => line.includes("items read in"));
    expect(progress).toEqual([
      "info: List Components: 1000 items read in 10 pages so far",
      "info: List Components: 2000 items read in 20 pages so far",
    ]);
  });

  it("without Fetch All reads one page and says nothing was truncated", async () => {
    const page = await list("listComponents", { first: "7" });
    expect(page.items).toHaveLength(7);
    expect(page.truncated).toBe(false);
    expect(sandbox().requests).toHaveLength(1);
  });

  it.each([
    ["maxItems", "0"],
    ["maxItems", "1.5"],
    ["fetchAll", "maybe"],
  ])("rejects %s = %j before any request", async (input, value) => {
    const error = await list("listComponents", { fetchAll: "true", [input]: value }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DuroError);
    expect(error).toMatchObject({ kind: "invalid-input", input });
    expect(sandbox().requests).toHaveLength(0);
  });
});

describe("Fetch All against a server that repeats its cursor", () => {
  const sandbox = useSandbox();
  const stuckPage = JSON.stringify({
    data: {
      components: {
        connection: {
          totalCount: 3,
          edges: [{ cursor: "same", node: classicComponentNode({ id: "cmp-00001" }) }],
          pageInfo: { hasNextPage: true, endCursor: "same" },
        },
      },
    },
  });

  it("stops with a clear error instead of looping", async () => {
    sandbox().failNext({ type: "http", status: 200, body: stuckPage }, { type: "http", status: 200, body: stuckPage });
    const error = (await runAction("listComponents", { connection: sandboxConnection(sandbox()), fetchAll: "true" }).catch(
      (reason: unknown) => reason,
    )) as DuroError;
    expect(error).toBeInstanceOf(DuroError);
    expect(error.message).toContain('repeated the cursor "same"');
    expect(error.message).toContain("After Cursor");
    expect(sandbox().requests).toHaveLength(2);
  });
});

describe("a classic search (filtered by the connector) against a server whose pages never end", () => {
  const sandbox = useSandbox();
  const pageOf = (edges: Array<{ cursor: string; node: { id: string; status: string } }>, endCursor: string) =>
    JSON.stringify({ data: { components: { connection: { edges: edges.map(({ cursor, node }) => ({ cursor, node: classicComponentNode(node) })), pageInfo: { hasNextPage: true, endCursor } } } } });
  const search = () =>
    runAction("searchComponents", { connection: sandboxConnection(sandbox()), status: "OBSOLETE", fetchAll: "true" }).catch((reason: unknown) => reason);

  it("stops at a repeated cursor with a clear error", async () => {
    const stuck = pageOf([{ cursor: "same", node: { id: "cmp-00001", status: "DESIGN" } }], "same");
    sandbox().failNext({ type: "http", status: 200, body: stuck }, { type: "http", status: 200, body: stuck });
    const error = await search();
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining('repeated the cursor "same"') });
    expect(sandbox().requests).toHaveLength(2);
  });

  it("stops at an empty page that claims more, though a page without matches is normal", async () => {
    const noMatch = pageOf([{ cursor: "c1", node: { id: "cmp-00001", status: "DESIGN" } }], "c1");
    sandbox().failNext({ type: "http", status: 200, body: noMatch }, { type: "http", status: 200, body: pageOf([], "c2") });
    const error = await search();
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining("a page with no items but said more follow") });
    expect(sandbox().requests).toHaveLength(2);
  });
});
