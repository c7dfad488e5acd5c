// Every action run by key through spectral's harness (clean functions, string defaults, error hook) against the
// embedded Duro sandbox over HTTP: results, defaults, paging, sorting, validation and the example payloads.
import { DuroSandbox } from "../fixtures/sandbox";
import { createSeed, SeedChangeOrder, SeedComponent } from "../fixtures/seed";
import { DuroError } from "../src/client/errors";
import { harness, recordingLogger, RunOptions, runAction, sandboxConnection, SMALL_SEED, useSandbox } from "./support";

const seed = createSeed(SMALL_SEED);

interface Page<TItem> {
  items: TItem[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}
type Item = Record<string, unknown> & { id: string };

/** Runs actions on one sandbox with its connection filled in, and returns their `data`. */
const actionsOn = (sandbox: () => DuroSandbox) => {
  const run = (key: string, params: Record<string, unknown> = {}, options?: RunOptions) =>
    runAction(key, { connection: sandboxConnection(sandbox()), ...params }, options);
  const data = async <TData = unknown>(key: string, params: Record<string, unknown> = {}, options?: RunOptions): Promise<TData> =>
    ((await run(key, params, options)) as { data: TData }).data;
  /** The error an action run fails with; fails the test if the run succeeds. */
  const failure = async (key: string, params: Record<string, unknown> = {}): Promise<DuroError> => {
    try {
      await run(key, params);
    } catch (error) {
      expect(error).toBeInstanceOf(DuroError);
      return error as DuroError;
    }
    throw new Error(`Expected the action "${key}" to fail, but it succeeded.`);
  };
  return { run, data, failure };
};

const ids = (items: Array<{ id: string }>): string[] => items.map((item) => item.id);
const componentsIn = (libraryType: SeedComponent["libraryType"]) => seed.components.filter((c) => c.libraryType === libraryType);

/** The seed's change orders as the sandbox sorts them for one `{ field: direction }`. */
const changeOrdersSortedBy = (field: "con" | "name" | "lastModified", direction: "asc" | "desc"): SeedChangeOrder[] =>
  [...seed.changeOrders].sort((a, b) => (direction === "asc" ? 1 : -1) * a[field].localeCompare(b[field]));

const inputOf = (actionKey: string, inputKey: string) => {
  const found = harness.component.actions[actionKey].inputs.find((input) => input.key === inputKey);
  if (!found) throw new Error(`The action "${actionKey}" has no input "${inputKey}".`);
  return found;
};

describe("users", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { data } = actionsOn(sandbox);
  const [ada] = seed.users;

  it("getCurrentUser returns the API key's user with their company", async () => {
    await expect(data("getCurrentUser")).resolves.toEqual({
      id: ada.id,
      email: ada.email,
      firstName: ada.firstName,
      lastName: ada.lastName,
      primaryCompany: seed.company,
    });
  });

  it("listCompanyUsers returns every seeded user as one whole page, with the company's ID and name", async () => {
    await expect(data("listCompanyUsers")).resolves.toEqual({
      items: seed.users,
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 4,
      company: seed.company,
    });
  });
});

describe("listChangeOrders", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { data } = actionsOn(sandbox);
  const all = String(seed.changeOrders.length);
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
    expect(expected).not.toEqual(ids(seed.changeOrders)); // the sort must be visible in the seed
    const page = await data<Page<Item>>("listChangeOrders", { orderBy, first: all });
    expect(ids(page.items)).toEqual(expected);
  });

  it("keeps Duro's order when orderBy is empty", async () => {
    const page = await data<Page<Item>>("listChangeOrders", { first: all });
    expect(ids(page.items)).toEqual(ids(seed.changeOrders));
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
    expect(ids(three.items)).toEqual(ids(seed.changeOrders.slice(0, 3)));
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
      creator: { id: seed.users[0].id },
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

describe("rawRequest", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { data, failure } = actionsOn(sandbox);
  const listQuery = `query Listed($libraryType: LibraryType, $first: Int) {
    components(libraryType: $libraryType) { connection(first: $first) { edges { node { id } } } }
  }`;
  type Listed = { components: { connection: { edges: Array<{ node: { id: string } }> } } };
  const listedIds = (result: Listed) => result.components.connection.edges.map((edge) => edge.node.id);

  it("runs its default query when no inputs are given", async () => {
    const result = await data<{ components: { connection: { totalCount: number; edges: unknown[] } } }>("rawRequest");
    expect(result.components.connection.totalCount).toBe(componentsIn("GENERAL").length);
    expect(result.components.connection.edges).toHaveLength(10);
    expect(sandbox().requests[0].query).toBe(inputOf("rawRequest", "query").default);
  });

  it("sends the key-value variables", async () => {
    const result = await data<Listed>("rawRequest", { query: listQuery, variables: [{ key: "libraryType", value: "PERSONAL" }] });
    expect(sandbox().requests[0].variables).toEqual({ libraryType: "PERSONAL" });
    expect(listedIds(result)).toEqual(ids(componentsIn("PERSONAL")));
  });

  it("merges variables and variablesObject, the object winning on the same key", async () => {
    const result = await data<Listed>("rawRequest", {
      query: listQuery,
      variables: [
        { key: "libraryType", value: "PERSONAL" },
        { key: "first", value: "3" },
      ],
      variablesObject: '{"first": 2}',
    });
    expect(sandbox().requests[0].variables).toEqual({ libraryType: "PERSONAL", first: 2 });
    expect(listedIds(result)).toEqual(ids(componentsIn("PERSONAL").slice(0, 2)));
  });

  it.each([
    ["a field Duro does not have", "{ noSuchField }"],
    ["an error while Duro resolves it (HTTP 200)", "{ components { connection(first: 1000) { totalCount } } }"],
  ])("fails as a graphql error for %s", async (_, query) => {
    const error = await failure("rawRequest", { query });
    expect(error.kind).toBe("graphql");
    expect(sandbox().requests).toHaveLength(1);
  });
});

describe("input validation happens before any request", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { failure } = actionsOn(sandbox);

  // [what, action, inputs, the input named, what the message must also say (what is allowed, or where)]
  it.each<[string, string, Record<string, unknown>, string, RegExp]>([
    ['first "0"', "listComponents", { first: "0" }, "first", /whole number from 1 to 100/],
    ['first "-1"', "listComponents", { first: "-1" }, "first", /whole number from 1 to 100/],
    ['first "1.5"', "listComponents", { first: "1.5" }, "first", /whole number from 1 to 100/],
    ['first "101"', "listChangeOrders", { first: "101" }, "first", /whole number from 1 to 100/],
    ['first "10abc"', "listComponents", { first: "10abc" }, "first", /whole number from 1 to 100/],
    ['first "abc"', "listChangeOrders", { first: "abc" }, "first", /whole number from 1 to 100/],
    ["an empty componentId", "getComponentById", { componentId: "" }, "componentId", /required/],
    ["a blank componentId", "getComponentById", { componentId: "   " }, "componentId", /required/],
    ["an empty change order name", "createChangeOrder", { name: "" }, "name", /required/],
    ['type "XCO"', "createChangeOrder", { name: "A change", type: "XCO" }, "type", /ECO, MCO, DCO/],
    ['libraryType "SHARED"', "listComponents", { libraryType: "SHARED" }, "libraryType", /GENERAL, PERSONAL/],
    ["orderBy that is not JSON", "listChangeOrders", { orderBy: "not json" }, "orderBy", /line 1, column 2\b/],
    ["orderBy on a field Duro cannot sort by", "listChangeOrders", { orderBy: '[{"size":"asc"}]' }, "orderBy", /con, name, lastModified/],
    ["orderBy with a direction other than asc/desc", "listChangeOrders", { orderBy: '[{"name":"up"}]' }, "orderBy", /asc.*desc/],
    ["orderBy with two fields in one item", "listChangeOrders", { orderBy: '[{"name":"asc","con":"desc"}]' }, "orderBy", /one field/],
    ["variablesObject that is not JSON", "rawRequest", { variablesObject: "{bad json" }, "variablesObject", /line 1, column 2\b/],
    ["variablesObject with a bad value on line 2", "rawRequest", { variablesObject: '{\n  "first": x\n}' }, "variablesObject", /line 2, column 12\b/],
    ["variablesObject that is an array", "rawRequest", { variablesObject: "[1,2]" }, "variablesObject", /JSON object/],
    ["variablesObject that is a number", "rawRequest", { variablesObject: "42" }, "variablesObject", /JSON object/],
    ["a query that is not GraphQL", "rawRequest", { query: "query {" }, "query", /line 1, column 8\b/],
    ['debugRequest "maybe"', "getCurrentUser", { debugRequest: "maybe" }, "debugRequest", /true or false/],
  ])("rejects %s", async (_, actionKey, params, inputKey, says) => {
    const error = await failure(actionKey, params);
    expect(error.kind).toBe("invalid-input");
    expect(error.input).toBe(inputKey);
    expect(error.message).toContain(`"${inputKey}"`);
    expect(error.message).toMatch(says);
    expect(sandbox().requests).toHaveLength(0);
  });
});

describe("typed input values, as mapped from earlier steps", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { data } = actionsOn(sandbox);

  it("accepts first as a number", async () => {
    const page = await data<Page<Item>>("listComponents", { first: 7 });
    expect(page.items).toHaveLength(7);
    expect(sandbox().requests[0].variables).toMatchObject({ first: 7 });
  });

  it.each([true, "true"])("turns on debug logging for debugRequest %p", async (debugRequest) => {
    const { lines, logger } = recordingLogger();
    await data("getCurrentUser", { debugRequest }, { logger });
    expect(lines.some((line) => line.includes("Duro request query GetCurrentUser"))).toBe(true);
  });

  it("logs nothing when debugRequest is left at its default", async () => {
    const { lines, logger } = recordingLogger();
    await data("getCurrentUser", {}, { logger });
    expect(lines).toEqual([]);
  });
});
