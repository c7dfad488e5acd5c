// Change orders beyond the seed actions, through spectral's harness against the sandbox: listChangeOrders filtered
// by status in both dialects and by type on classic Duro (Duro Hub change orders have none), getChangeOrderById and getLatestValidationRun on Duro Hub, and the clear
// error classic Duro gives for the lookups it does not document.
import { createSeed } from "../fixtures/seed";
import { describeHub, ENDPOINT_CASES, failureOf, hubConnection, runAction, sandboxConnection, useSandbox } from "./support";

const seed = createSeed();
const ids = (items: Array<{ id: string }>): string[] => items.map((item) => item.id);

interface ListResult {
  items: Array<{ id: string; name: string | null }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  truncated: boolean;
}

describe.each(ENDPOINT_CASES)("listChangeOrders filters, $name dialect", ({ dialect, hubVariant, connectionFor: connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant });
  const list = async (params: Record<string, unknown>) =>
    ((await runAction("listChangeOrders", { connection: connectionFor(sandbox()), ...params })) as { data: ListResult }).data;

  it("with Fetch All returns every change order of a status, and only those", async () => {
    const result = await list({ status: "OPEN", fetchAll: "true" });
    const expected = seed.changeOrders.filter((order) => order.status === "OPEN");
    expect(expected.length).toBeGreaterThan(10);
    expect(ids(result.items)).toEqual(ids(expected));
    expect(result.truncated).toBe(false);
  });

  it("refuses a type that is not ECO, MCO or DCO before any request", async () => {
    const error = await failureOf(list({ type: "XCO" }));
    expect(error).toMatchObject({ kind: "invalid-input", input: "type" });
    expect(error.message).toContain("ECO, MCO, DCO");
    expect(sandbox().requests).toHaveLength(0);
  });
});

describe("listChangeOrders filters on classic Duro (no filter argument: the connector filters pages of 100)", () => {
  const sandbox = useSandbox();
  const list = async (params: Record<string, unknown>) =>
    ((await runAction("listChangeOrders", { connection: sandboxConnection(sandbox()), ...params })) as { data: ListResult }).data;
  const drafts = seed.changeOrders.filter((order) => order.status === "DRAFT");

  it("with Fetch All returns every change order of a status and a type, and only those", async () => {
    const result = await list({ status: "OPEN", type: "MCO", fetchAll: "true" });
    const expected = seed.changeOrders.filter((order) => order.status === "OPEN" && order.type === "MCO");
    expect(expected.length).toBeGreaterThan(10);
    expect(ids(result.items)).toEqual(ids(expected));
  });

  it("filters by type alone", async () => {
    const result = await list({ type: "DCO", fetchAll: true });
    expect(ids(result.items)).toEqual(ids(seed.changeOrders.filter((order) => order.type === "DCO")));
  });

  it("First N Items returns that many matches from one page of 100, and its cursor continues right after them", async () => {
    const first = await list({ status: "draft", first: "10" });
    expect(ids(first.items)).toEqual(ids(drafts.slice(0, 10)));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await list({ status: "draft", first: "10", after: first.pageInfo.endCursor });
    expect(ids(next.items)).toEqual(ids(drafts.slice(10, 20)));
    expect(sandbox().requests.map((request) => request.variables?.first)).toEqual([100, 100]);
  });

  it("with Fetch All stops at the page where Max Items matches are found", async () => {
    const result = await list({ status: "DRAFT", type: "ECO", fetchAll: "true", maxItems: "10" });
    const expected = drafts.filter((order) => order.type === "ECO");
    expect(ids(result.items)).toEqual(ids(expected.slice(0, 10)));
    expect(result.truncated).toBe(true);
    const pagesNeeded = Math.floor(seed.changeOrders.indexOf(expected[9]) / 100) + 1;
    expect(pagesNeeded).toBeLessThan(Math.ceil(seed.changeOrders.length / 100));
    expect(sandbox().requests.map((request) => request.variables?.first)).toEqual(Array(pagesNeeded).fill(100));
  });
});

describeHub("listChangeOrders filters", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant });
  const list = (params: Record<string, unknown>) => runAction("listChangeOrders", { connection: hubConnection(sandbox()), ...params });
  const listRequests = () => sandbox().requests.filter((request) => request.operationName?.startsWith("ListChangeOrders"));
  const closed = ids(seed.changeOrders.filter((order) => order.status === "CLOSED"));

  it("sends the status in the filter form of the endpoint's shape, whatever its case, in one request per page", async () => {
    const result = ((await list({ status: "closed", first: "100" })) as { data: ListResult }).data;
    expect(sandbox().requests).toHaveLength(1);
    expect(sandbox().requests[0].variables?.filter).toEqual(hubVariant === "newest" ? { status: "CLOSED" } : { status: { eq: "closed" } });
    expect(ids(result.items)).toEqual(closed);
    // The older shape's change orders carry no status: the output has the newest shape, with null where it lacks one.
    expect(result.items[0]).toMatchObject(hubVariant === "newest" ? { status: "CLOSED", resolution: expect.any(String) } : { status: null, resolution: null });
  });

  if (hubVariant === "newest") {
    // The older shape's variant takes any status and a type, so the endpoint's schema decides (read once); it picks
    // the newest variant, which refuses them: no change order request is sent.
    it.each([
      ["a status Duro Hub does not have", { status: "In Review" }, "status", "DRAFT, OPEN, RESOLVED, CLOSED, ON_HOLD"],
      ["a change order type", { type: "ECO" }, "type", "no type"],
    ])("refuses %s without listing, after at most one schema read", async (_label, params, input, said) => {
      const error = await failureOf(list(params));
      expect(error).toMatchObject({ kind: "invalid-input", input });
      expect(error.message).toContain(said);
      expect(listRequests()).toHaveLength(0);
      expect(sandbox().requests.length).toBeLessThanOrEqual(1);
    });

    it("refuses Order By before any request: no variant takes it", async () => {
      const error = await failureOf(list({ orderBy: '[{"name": "asc"}]' }));
      expect(error).toMatchObject({ kind: "invalid-input", input: "orderBy" });
      expect(sandbox().requests).toHaveLength(0);
    });
  } else {
    it("filters on a change order type, which the older shape has", async () => {
      const result = ((await list({ type: "ECO", first: "100" })) as { data: ListResult }).data;
      expect(listRequests().map((request) => request.variables?.filter)).toEqual([{ type: { eq: "ECO" } }]);
      expect(ids(result.items)).toEqual(ids(seed.changeOrders.filter((order) => order.type === "ECO")));
    });
  }
});

describeHub("getChangeOrderById and getLatestValidationRun", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant });
  const run = (key: string, changeOrderId: string) => runAction(key, { connection: hubConnection(sandbox()), changeOrderId });
  const data = async <TData>(key: string, changeOrderId: string) => ((await run(key, changeOrderId)) as { data: TData }).data;
  const [, second, third] = seed.changeOrders;

  it("getChangeOrderById returns the change order in one request", async () => {
    await expect(data("getChangeOrderById", second.id)).resolves.toEqual({
      id: second.id,
      name: second.name,
      // What the older shape lacks is null.
      ...(hubVariant === "newest" ? { description: second.description, status: second.status, resolution: "PENDING" } : { description: null, status: null, resolution: null }),
      isValid: null,
      createdAt: second.created,
      updatedAt: second.lastModified,
    });
    expect(sandbox().requests).toHaveLength(1);
    expect(sandbox().requests[0].variables).toMatchObject({ filter: { ids: [second.id] } });
  });

  it.each(["getChangeOrderById", "getLatestValidationRun"])("%s of an unknown ID is not-found, naming it", async (key) => {
    const error = await failureOf(run(key, "co-99999"));
    expect(error.kind).toBe("not-found");
    expect(error.message).toContain('"co-99999"');
  });

  it("getLatestValidationRun of a change order never validated has validationRun null", async () => {
    await expect(data("getLatestValidationRun", third.id)).resolves.toEqual({
      changeOrderId: third.id,
      name: third.name,
      isValid: null,
      validationRun: null,
    });
  });

  it("getLatestValidationRun returns the last run without running the validations again", async () => {
    await run("validateChangeOrder", second.id);
    sandbox().clearRequests();
    const latest = await data<{ isValid: boolean; validationRun: Record<string, unknown> }>("getLatestValidationRun", second.id);
    const [stored] = sandbox().hubStore.validationRuns;
    expect(latest).toEqual({
      changeOrderId: second.id,
      name: second.name,
      isValid: false,
      validationRun: {
        id: stored.id,
        state: "FAIL",
        createdAt: stored.createdAt,
        createdBy: stored.createdBy,
        summary: stored.summary,
        failures: stored.results.filter((result) => result.state === "FAIL"),
        warnings: stored.results.filter((result) => result.state === "WARNING"),
      },
    });
    expect(sandbox().requests).toHaveLength(1);
    expect(sandbox().requests[0].query).not.toContain("mutation");
    expect(sandbox().hubStore.validationRuns).toHaveLength(1);
  });
});

describe("the Duro Hub change order lookups on classic Duro", () => {
  const sandbox = useSandbox();

  it.each(["getChangeOrderById", "getLatestValidationRun"])("%s fails before any request, pointing to Raw Request", async (key) => {
    const error = await failureOf(runAction(key, { connection: sandboxConnection(sandbox()), changeOrderId: "co-00001" }));
    expect(error).toMatchObject({ kind: "invalid-input", input: "duroEnvironment" });
    expect(error.message).toContain("Duro Hub");
    expect(error.message).toContain("Raw Request");
    expect(sandbox().requests).toHaveLength(0);
  });
});
