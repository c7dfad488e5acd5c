// Raw Request through spectral's harness against the sandbox: its default query, variables from the key-value list and
// the JSON object, Duro's GraphQL errors, and a query in each dialect.
import { createSeed, SeedComponent } from "../fixtures/seed";
import { actionsOn, ENDPOINT_CASES, inputOf, SMALL_SEED, useSandbox } from "./support";

const smallSeed = createSeed(SMALL_SEED);
const ids = (items: Array<{ id: string }>): string[] => items.map((item) => item.id);
const componentsIn = (libraryType: SeedComponent["libraryType"]) => smallSeed.components.filter((c) => c.libraryType === libraryType);

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

describe.each(ENDPOINT_CASES)("rawRequest on both dialects, $name sandbox", ({ dialect, hubVariant, connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant, seed: SMALL_SEED });
  const { data } = actionsOn(sandbox, connectionFor);

  it("rawRequest returns the data of a query in the connection's dialect", async () => {
    const hubNamespace = hubVariant === "legacy" ? "components" : "component";
    const query = dialect === "classic" ? "{ componentsByIds(ids: [\"cmp-00001\"]) { id } }" : `{ ${hubNamespace} { findOne(id: "cmp-00001") { id } } }`;
    const result = await data("rawRequest", { query });
    expect(JSON.stringify(result)).toContain("cmp-00001");
  });
});
