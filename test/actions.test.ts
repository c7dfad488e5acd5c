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
