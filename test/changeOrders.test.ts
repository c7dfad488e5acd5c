// The change order actions through spectral's harness against the sandbox: List Change Orders (sorting, paging,
// filtered by status in both dialects and by type on classic Duro, whose Duro Hub change orders have none) and Create
// Change Order, on both dialects; Get Change Order by ID, Get Latest Validation Run, Validate Change Order and Create
// Change Order Template on Duro Hub, and the clear error classic Duro gives for the lookups it does not document.
import { createSeed, SeedChangeOrder } from "../fixtures/seed";
import { actionsOn, describeHub, ENDPOINT_CASES, failureOf, hubConnection, inputOf, runAction, sandboxConnection, SMALL_SEED, useSandbox } from "./support";

const seed = createSeed();
const ids = (items: Array<{ id: string }>): string[] => items.map((item) => item.id);
/** The seed the list and create suites' expectations were written against. */
const smallSeed = createSeed(SMALL_SEED);

interface Page<TItem> {
  items: TItem[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}
type Item = Record<string, unknown> & { id: string };

/** The seed's change orders as the sandbox sorts them for one `{ field: direction }`. */
const changeOrdersSortedBy = (field: "con" | "name" | "lastModified", direction: "asc" | "desc"): SeedChangeOrder[] =>
  [...smallSeed.changeOrders].sort((a, b) => (direction === "asc" ? 1 : -1) * a[field].localeCompare(b[field]));

interface ListResult {
  items: Array<{ id: string; name: string | null }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  truncated: boolean;
}

describe("listChangeOrders", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { data } = actionsOn(sandbox);
  const all = String(smallSeed.changeOrders.length);
  const orderByChoices = (inputOf("listChangeOrders", "orderBy").model ?? []).map(({ value }) => value);

  it("offers con, name and lastModified, each ascending and descending", () => {
    expect([...orderByChoices].sort()).toEqual(
      ["con", "name", "lastModified"].flatMap((field) => ["asc", "desc"].map((direction) => JSON.stringify([{ [field]: direction }]))).sort(),
    );
  });

  it.each(orderByChoices)("sorts by the picklist value %s", async (orderBy) => {
    const [[field, direction]] = Object.entries((JSON.parse(orderBy) as Array<Record<string, string>>)[0]);
    const page = await data<Page<Item>>("listChangeOrders", { orderBy, first: all });
    expect(ids(page.items)).toEqual(ids(changeOrdersSortedBy(field as "con", direction as "asc")));
    expect(sandbox().requests[0].variables?.orderBy).toEqual(JSON.parse(orderBy));
  });

  it.each([
    ['[{"name":"asc"}]', "name", "asc"],
    ['[{"lastModified":"desc"}]', "lastModified", "desc"],
  ] as const)("really reorders the list for %s", async (orderBy, field, direction) => {
    const expected = ids(changeOrdersSortedBy(field, direction));
    expect(expected).not.toEqual(ids(smallSeed.changeOrders)); // the sort must be visible in the seed
    const page = await data<Page<Item>>("listChangeOrders", { orderBy, first: all });
    expect(ids(page.items)).toEqual(expected);
  });

  it("keeps Duro's order when orderBy is empty", async () => {
    const page = await data<Page<Item>>("listChangeOrders", { first: all });
    expect(ids(page.items)).toEqual(ids(smallSeed.changeOrders));
    expect(sandbox().requests[0].variables).not.toHaveProperty("orderBy");
  });

  it("accepts a custom JSON value with several keys and sends them in order", async () => {
    const orderBy = '[{"lastModified": "desc"}, {"name": "asc"}]';
    const page = await data<Page<Item>>("listChangeOrders", { orderBy, first: all });
    expect(ids(page.items)).toEqual(ids(changeOrdersSortedBy("lastModified", "desc")));
    expect(sandbox().requests[0].variables?.orderBy).toEqual([{ lastModified: "desc" }, { name: "asc" }]);
  });

  it("returns 5 change orders by default and as many as first asks for", async () => {
    const byDefault = await data<Page<Item>>("listChangeOrders");
    expect(byDefault.items).toHaveLength(5);
    expect(sandbox().requests[0].variables).toMatchObject({ first: 5 });

    const three = await data<Page<Item>>("listChangeOrders", { first: "3" });
    expect(ids(three.items)).toEqual(ids(smallSeed.changeOrders.slice(0, 3)));
    expect(three.pageInfo.hasNextPage).toBe(true);
  });
});

describe("createChangeOrder", () => {
  // Its own sandbox: created change orders stay in the sandbox's memory.
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { data } = actionsOn(sandbox);

  it("creates a DRAFT ECO by default with the name and description given", async () => {
    const created = await data<Item>("createChangeOrder", { name: "Replace bracket supplier", description: "Second source for brackets" });
    expect(created).toMatchObject({
      name: "Replace bracket supplier",
      description: "Second source for brackets",
      type: "ECO",
      status: "DRAFT",
      creator: { id: smallSeed.users[0].id },
    });
    expect(sandbox().requests[0].variables).toEqual({
      input: { name: "Replace bracket supplier", description: "Second source for brackets", type: "ECO" },
    });
  });

  it("leaves an empty description out of the request", async () => {
    await data("createChangeOrder", { name: "No description" });
    expect(sandbox().requests[0].variables).toEqual({ input: { name: "No description", type: "ECO" } });
  });

  it.each(["MCO", "DCO"])("creates a %s when asked", async (type) => {
    const created = await data<Item>("createChangeOrder", { name: `A ${type}`, type });
    expect(created).toMatchObject({ name: `A ${type}`, type, status: "DRAFT" });
  });

  it("creates an order that listChangeOrders then returns", async () => {
    const created = await data<Item>("createChangeOrder", { name: "Listed afterwards", type: "MCO" });
    const page = await data<Page<Item>>("listChangeOrders", { first: "100" });
    expect(page.items).toContainEqual(expect.objectContaining({ id: created.id, name: "Listed afterwards", type: "MCO", status: "DRAFT" }));
  });
});

// The change order actions both dialects offer pass the same tests against the classic and the Duro Hub sandbox.
describe.each(ENDPOINT_CASES)("change orders on both dialects, $name sandbox", ({ dialect, hubVariant, connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant, seed: SMALL_SEED });
  const { data } = actionsOn(sandbox, connectionFor);

  it("listChangeOrders honours first and continues from endCursor", async () => {
    const first = (await data("listChangeOrders", { first: "3" })) as Page<Item>;
    const second = (await data("listChangeOrders", { first: "3", after: first.pageInfo.endCursor })) as Page<Item>;
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(smallSeed.changeOrders.slice(0, 6).map((order) => order.id));
  });

  it("createChangeOrder creates one change order that the list then shows", async () => {
    const created = (await data("createChangeOrder", { name: `Created on ${dialect}`, type: "MCO" })) as { id: string; name: string };
    expect(created.name).toBe(`Created on ${dialect}`);
    const all = (await data("listChangeOrders", { first: "100" })) as Page<Item>;
    expect(all.items.filter((item) => item.id === created.id)).toHaveLength(1);
    expect(sandbox().requests.filter((request) => request.query?.includes("mutation"))).toHaveLength(1);
  });
});

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

describeHub("validateChangeOrder and createChangeOrderTemplate", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant, seed: SMALL_SEED });
  const data = async (key: string, params: Record<string, unknown>) =>
    (await runAction(key, { connection: hubConnection(sandbox()), ...params }))?.data;

  it("validateChangeOrder returns isValid, the counts, and the failing and warning results", async () => {
    const outcome = (await data("validateChangeOrder", { changeOrderId: "co-00002" })) as {
      isValid: boolean;
      summary: { passCount: number; failCount: number; warningCount: number };
      failures: Array<{ state: string; errorMessage: string }>;
      warnings: Array<{ state: string }>;
    };
    expect(outcome.isValid).toBe(false);
    expect(outcome.failures).toHaveLength(outcome.summary.failCount);
    expect(outcome.failures[0]).toMatchObject({ state: "FAIL", errorMessage: expect.stringContaining("exists in Change Order") });
    expect(outcome.warnings).toHaveLength(outcome.summary.warningCount);
  });

  it("validateChangeOrder of a passing change order has no failures", async () => {
    await expect(data("validateChangeOrder", { changeOrderId: "co-00001" })).resolves.toMatchObject({ isValid: true, failures: [] });
  });

  it("validateChangeOrder of an unknown ID is not-found", async () => {
    const error = await failureOf(data("validateChangeOrder", { changeOrderId: "co-99999" }));
    expect(error.kind).toBe("not-found");
  });

  it("createChangeOrderTemplate sends the YAML and returns the template Duro parsed", async () => {
    const template = (await data("createChangeOrderTemplate", { name: "Dual approval" })) as { name: string; config: { schema_type: string } };
    expect(template.name).toBe("Dual approval");
    expect(template.config.schema_type).toBe("change_order_scheme");
  });

  it.each([
    ["a YAML error (a repeated key)", 'version: "1.0"\nschema_type: change_order_scheme\nstages:\n  open: []\nstages: {}\n', "line 5"],
    ["a missing top-level field", 'version: "1.0"\nschema_type: change_order_scheme\n', "stages"],
    ["a wrong schema_type", 'version: "1.0"\n\nschema_type: product_scheme\nstages:\n  open: []\n', "line 3"],
    ["stages without an open list", 'version: "1.0"\nschema_type: change_order_scheme\nstages:\n  closed: {}\n', "line 3"],
    ["a list at the top level", "- version\n", "mapping"],
  ])("createChangeOrderTemplate with %s fails locally, naming where, sending nothing", async (_label, configYAML, where) => {
    const error = await failureOf(data("createChangeOrderTemplate", { name: "Broken", configYAML }));
    expect(error.kind).toBe("invalid-input");
    expect(error.input).toBe("configYAML");
    expect(error.message).toContain(where);
    expect(sandbox().requests).toHaveLength(0);
  });
});
