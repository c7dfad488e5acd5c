// Component lookups beyond one by one, through spectral's harness against the sandbox, counting its requests:
// many IDs in one request (order kept, missing ones named), searches in both dialects, and the BOM read level by
// level so that its requests grow with the depth of the tree, not with its number of parts.
import { DuroSandbox } from "../fixtures/sandbox";
import { createSeed, SeedComponent } from "../fixtures/seed";
import { DuroError } from "../src/client/errors";
import { describeHub, ENDPOINT_CASES, harness, hubConnection, recordingLogger, runAction, sandboxConnection, shapeDifferences, useSandbox } from "./support";

const seed = createSeed();
const general = seed.components.filter((component) => component.libraryType === "GENERAL");
const ids = (items: Array<{ id: string }>): string[] => items.map((item) => item.id);

type ConnectionFor = typeof sandboxConnection;

/** Runs an action on one sandbox and returns its `data`, or the DuroError it failed with. */
const on = (sandbox: () => DuroSandbox, connectionFor: ConnectionFor) => ({
  data: async <TData>(key: string, params: Record<string, unknown>): Promise<TData> =>
    ((await runAction(key, { connection: connectionFor(sandbox()), ...params })) as { data: TData }).data,
  failure: async (key: string, params: Record<string, unknown>): Promise<DuroError> => {
    const error: unknown = await runAction(key, { connection: connectionFor(sandbox()), ...params }).then(
      () => new Error(`Expected ${key} to fail`),
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(DuroError);
    return error as DuroError;
  },
});

interface Lookup {
  items: Array<{ id: string; name: string | null }>;
  missingIds: string[];
}

interface SearchPage {
  items: Array<{ id: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
  truncated: boolean;
}

describe.each(ENDPOINT_CASES)("getComponentsByIds, $name dialect", ({ dialect, hubVariant, connectionFor: connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant });
  const { data, failure } = on(sandbox, connectionFor);
  // Every seventh company component, last first, so the order asked for is not the sandbox's order.
  const wanted = general.filter((_, index) => index % 7 === 3).map((component) => component.id).reverse();

  it("looks up 50 components in one request, in the order given, and names the missing ones", async () => {
    const missing = ["cmp-99998", "no-such-id"];
    const asked = [...wanted.slice(0, 20), missing[0], ...wanted.slice(20, 48), missing[1]];
    expect(asked).toHaveLength(50);
    const result = await data<Lookup>("getComponentsByIds", { componentIds: JSON.stringify(asked) });
    expect(ids(result.items)).toEqual(asked.filter((id) => !missing.includes(id)));
    expect(result.items[0].name).toBe(general.find((component) => component.id === asked[0])?.name);
    expect(result.missingIds).toEqual(missing);
    expect(sandbox().requests).toHaveLength(1);
  });

  it("splits more than 100 IDs into page-sized requests, still in the order given", async () => {
    const asked = wanted.slice(0, 250);
    const result = await data<Lookup>("getComponentsByIds", { componentIds: asked.join("\n") });
    expect(ids(result.items)).toEqual(asked);
    expect(result.missingIds).toEqual([]);
    expect(sandbox().requests).toHaveLength(3);
  });

  it("accepts IDs separated by commas or given as a list, and looks up a repeated ID once", async () => {
    const result = await data<Lookup>("getComponentsByIds", { componentIds: `${wanted[0]}, ${wanted[1]},${wanted[0]}` });
    expect(ids(result.items)).toEqual([wanted[0], wanted[1]]);
    const fromList = await data<Lookup>("getComponentsByIds", { componentIds: [wanted[2]] });
    expect(ids(fromList.items)).toEqual([wanted[2]]);
  });

  it("returns what its examplePayload shows", async () => {
    const result = await runAction("getComponentsByIds", { connection: connectionFor(sandbox()), componentIds: `${wanted[0]},cmp-99999` });
    const differences = shapeDifferences(result, harness.component.actions.getComponentsByIds.examplePayload);
    // The example shows classic records; Duro Hub's have their own fields (README, "Duro Hub").
    if (dialect === "classic") expect(differences).toEqual([]);
    else expect(differences.every((difference) => difference.startsWith("$.data.items[0]."))).toBe(true);
  });

  it.each([
    ["more than 1,000 IDs", JSON.stringify(Array.from({ length: 1_001 }, (_, index) => `cmp-${index}`)), "at most 1,000 IDs"],
    ["no ID", " , ", "at least one ID"],
    ["a list that is not of IDs", '[{"id": "cmp-00001"}]', "must be a list of IDs"],
  ])("refuses %s before any request", async (_, componentIds, message) => {
    const error = await failure("getComponentsByIds", { componentIds });
    expect(error).toMatchObject({ kind: "invalid-input", input: "componentIds" });
    expect(error.message).toContain(message);
    expect(sandbox().requests).toHaveLength(0);
  });
});

/** What the sandbox should find for the criteria, in the company library's order (text matched ignoring case). */
const expectedMatches = (test: (component: SeedComponent) => boolean[], match: "all" | "any"): string[] =>
  ids(general.filter((component) => (match === "all" ? test(component).every(Boolean) : test(component).some(Boolean))));

describe.each(ENDPOINT_CASES)("searchComponents, $name dialect", ({ dialect, hubVariant, connectionFor: connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant });
  const { data } = on(sandbox, connectionFor);

  it("finds every component with a name and a status (match all) with Fetch All", async () => {
    const result = await data<SearchPage>("searchComponents", { name: "bracket", status: "PRODUCTION", fetchAll: "true" });
    const expected = expectedMatches((component) => [component.name.startsWith("Bracket"), component.status === "PRODUCTION"], "all");
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(result.items)).toEqual(expected);
    expect(result.truncated).toBe(false);
  });

  it("finds components whose name or CPN contains a text (match any)", async () => {
    const result = await data<SearchPage>("searchComponents", { name: "motor 12", cpn: "-01999", match: "any", fetchAll: true });
    const expected = expectedMatches(
      (component) => [component.name.toLowerCase().includes("motor 12"), component.cpn.includes("-01999")],
      "any",
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(ids(result.items)).toEqual(expected);
  });

  it("returns what its examplePayload shows", async () => {
    const result = await runAction("searchComponents", { connection: connectionFor(sandbox()), name: "Resistor" });
    const differences = shapeDifferences(result, harness.component.actions.searchComponents.examplePayload);
    // The example shows classic records; Duro Hub's have their own fields (README, "Duro Hub").
    if (dialect === "classic") expect(differences).toEqual([]);
    else expect((result as { data: SearchPage }).data.items[0]).toMatchObject({ cpn: expect.any(String), revisionValue: expect.any(String), status: { name: expect.any(String) } });
  });
});

describeHub("searchComponents sends Duro's filter", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant });
  const { data, failure } = on(sandbox, hubConnection);

  it("builds the shape's filter conditions from the simple inputs, one request per page", async () => {
    const result = await data<SearchPage>("searchComponents", { name: "Sensor", status: "DESIGN", first: "100" });
    expect(sandbox().requests).toHaveLength(1);
    expect(sandbox().requests[0].variables).toEqual(
      hubVariant === "newest"
        ? { and: [{ name: { contains: "Sensor" } }, { status: { name: { eq: "DESIGN" } } }], pagination: { first: 100 } }
        : { filter: { and: [{ name: { contains: "Sensor" } }, { status: { eq: "DESIGN" } }] }, pagination: { first: 100 } },
    );
    const expected = expectedMatches((component) => [component.name.includes("Sensor"), component.status === "DESIGN"], "all");
    expect(ids(result.items)).toEqual(expected.slice(0, 100));
    expect(result.totalCount).toBe(expected.length);
  });

  it("passes on Duro's rejection of a raw filter field it does not know, naming the field", async () => {
    const error = await failure("searchComponents", { filter: '{"colour": {"eq": "red"}}' });
    expect(error.kind).toBe("graphql");
    expect(error.message).toContain("colour");
  });

  it("makes a raw JSON condition required next to the simple inputs matched by any", async () => {
    // The raw filter is in the endpoint's own form: the older shape's categories have no type.
    const filter = hubVariant === "newest" ? { category: { type: { eq: "ASSEMBLY" } } } : { category: { name: { eq: "Assembly" } } };
    const result = await data<SearchPage>("searchComponents", { filter: JSON.stringify(filter), name: "bracket", cpn: "-0001", match: "any", fetchAll: "true" });
    const either = [{ name: { contains: "bracket" } }, { cpn: { contains: "-0001" } }];
    expect(sandbox().requests[0].variables).toMatchObject(hubVariant === "newest" ? { and: [filter], or: either } : { filter: { and: [filter, { or: either }] } });
    const expected = expectedMatches(
      (component) => [component.category === "Assembly" && (component.name.startsWith("Bracket") || component.cpn.includes("-0001"))],
      "all",
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(result.items)).toEqual(expected);
  });
});

describe("searchComponents on classic Duro", () => {
  const sandbox = useSandbox();
  const { data, failure } = on(sandbox, sandboxConnection);

  it("reads the company library page by page and keeps the matches (classic has no filter argument)", async () => {
    const result = await data<SearchPage>("searchComponents", { status: "OBSOLETE", fetchAll: "true" });
    expect(ids(result.items)).toEqual(expectedMatches((component) => [component.status === "OBSOLETE"], "all"));
    expect(sandbox().requests).toHaveLength(Math.ceil(general.length / 100));
  });

  it("with Fetch All reads pages of 100 and stops at the page where Max Items matches are found", async () => {
    const expected = expectedMatches((component) => [component.name.startsWith("Bracket"), component.status === "PRODUCTION"], "all");
    const pagesNeeded = Math.floor(general.findIndex((component) => component.id === expected[19]) / 100) + 1;
    const result = await data<SearchPage>("searchComponents", { name: "Bracket", status: "PRODUCTION", fetchAll: "true", maxItems: "20" });
    expect(ids(result.items)).toEqual(expected.slice(0, 20));
    expect(result.truncated).toBe(true);
    expect(sandbox().requests.map((request) => request.variables?.first)).toEqual(Array(pagesNeeded).fill(100));
  });

  it("when fewer than Max Items match, reads the whole library in pages of 100, never smaller ones", async () => {
    const expected = expectedMatches((component) => [component.name.includes("Motor 12")], "all");
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(20);
    const result = await data<SearchPage>("searchComponents", { name: "Motor 12", fetchAll: "true", maxItems: "20" });
    expect(ids(result.items)).toEqual(expected);
    expect(result.truncated).toBe(false);
    expect(sandbox().requests.map((request) => request.variables?.first)).toEqual(Array(Math.ceil(general.length / 100)).fill(100));
  });

  it("First N Items returns that many matches, and its cursor continues right after the last one", async () => {
    const expected = expectedMatches((component) => [component.status === "OBSOLETE"], "all");
    const first = await data<SearchPage>("searchComponents", { status: "OBSOLETE", first: "3" });
    expect(ids(first.items)).toEqual(expected.slice(0, 3));
    expect(first).toMatchObject({ pageInfo: { hasNextPage: true }, truncated: false });
    const next = await data<SearchPage>("searchComponents", { status: "OBSOLETE", first: "5", after: first.pageInfo.endCursor });
    expect(ids(next.items)).toEqual(expected.slice(3, 8));
    expect(sandbox().requests.map((request) => request.variables?.first)).toEqual([100, 100]);
  });

  it("refuses a raw JSON filter before any request, saying what classic Duro can do", async () => {
    const error = await failure("searchComponents", { filter: '{"name": {"contains": "Motor"}}' });
    expect(error).toMatchObject({ kind: "invalid-input", input: "filter" });
    expect(error.message).toContain("use Name, CPN, Status and Category");
    expect(sandbox().requests).toHaveLength(0);
  });

  it("refuses a filter that is not a JSON object", async () => {
    const error = await failure("searchComponents", { filter: '[{"name": {"contains": "Motor"}}]' });
    expect(error).toMatchObject({ kind: "invalid-input", input: "filter" });
  });
});

interface Bom {
  componentId: string;
  depth: number;
  items: Array<{ id: string; depth: number; parentId: string; childCount: number; name: string | null }>;
  repeatedAssemblyIds: string[];
}

/** The number of components of a complete tree of `depth` levels under component 0 (the seed's BOM rule). */
const completeTree = (fanOut: number, depth: number): number => (fanOut ** (depth + 1) - 1) / (fanOut - 1);

describe.each([3, 4, 5])("getComponentChildren flattening a complete %i-level BOM", (depth) => {
  const seedOptions = { components: completeTree(3, depth), changeOrders: 1, bomFanOut: 3 };
  const sandbox = useSandbox({ seed: seedOptions });
  const { data } = on(sandbox, sandboxConnection);
  const tree = createSeed(seedOptions).components;

  it(`lists all ${completeTree(3, depth) - 1} parts in ${depth} requests: one per level, not one per part`, async () => {
    const bom = await data<Bom>("getComponentChildren", { componentId: tree[0].id, flatten: "true" });
    expect(sandbox().requests).toHaveLength(depth);
    expect(bom.depth).toBe(depth);
    expect(bom.items).toHaveLength(tree.length - 1);
    expect(ids(bom.items)).toEqual(ids(tree.slice(1)));
    expect(bom.items[0]).toMatchObject({ depth: 1, parentId: tree[0].id, childCount: 3 });
    expect(bom.items.at(-1)).toMatchObject({ depth, childCount: 0 });
    expect(bom.repeatedAssemblyIds).toEqual([]);
  });

  it("logs its progress after every level but the last", async () => {
    const { lines, logger } = recordingLogger();
    await runAction("getComponentChildren", { connection: sandboxConnection(sandbox()), componentId: tree[0].id, flatten: "true" }, { logger });
    const progress = lines.filter((line) => line.includes(`BOM of ${tree[0].id}: level`));
    expect(progress).toHaveLength(depth - 1);
    expect(progress[0]).toBe(`info: BOM of ${tree[0].id}: level 1 read, 3 parts so far; reading level 2 (3 assemblies).`);
  });
});

describe("getComponentChildren", () => {
  const sandbox = useSandbox();
  const { data, failure } = on(sandbox, sandboxConnection);
  const [root] = seed.components;

  it("without Flatten lists the direct children in one request", async () => {
    const bom = await data<Bom>("getComponentChildren", { componentId: root.id });
    expect(ids(bom.items)).toEqual(root.childIds);
    expect(bom.items.every((item) => item.depth === 1 && item.parentId === root.id)).toBe(true);
    expect(bom.depth).toBe(1);
    expect(sandbox().requests).toHaveLength(1);
  });

  it("a component without children has an empty BOM of depth 0", async () => {
    const leaf = seed.components.at(-1) as SeedComponent;
    await expect(data<Bom>("getComponentChildren", { componentId: leaf.id, flatten: "true" })).resolves.toEqual({
      componentId: leaf.id,
      depth: 0,
      items: [],
      repeatedAssemblyIds: [],
    });
  });

  it("an unknown ID is not-found, naming it", async () => {
    const error = await failure("getComponentChildren", { componentId: "cmp-99999" });
    expect(error.kind).toBe("not-found");
    expect(error.message).toContain('"cmp-99999"');
  });
});

describe("getComponentChildren on a BOM with more than 100 assemblies on one level", () => {
  const seedOptions = { components: completeTree(11, 3), changeOrders: 1, bomFanOut: 11 };
  const sandbox = useSandbox({ seed: seedOptions });
  const { data } = on(sandbox, sandboxConnection);

  it("looks the level up in page-sized chunks: 121 assemblies on level 3 take two requests", async () => {
    const bom = await data<Bom>("getComponentChildren", { componentId: "cmp-00001", flatten: "true" });
    expect(bom.items).toHaveLength(completeTree(11, 3) - 1);
    expect(sandbox().requests.map((request) => (request.variables?.ids as string[]).length)).toEqual([1, 11, 100, 21]);
  });
});

describe("getComponentChildren on a BOM with a shared assembly and a cycle", () => {
  // A 2-level tree of 13: cmp-00001 → cmp-00002..4 → cmp-00005..13. Then cmp-00004 also uses the assembly
  // cmp-00002, and the part cmp-00005 uses cmp-00001, the top: a cycle.
  const sandbox = useSandbox({ seed: { components: 13, changeOrders: 1, bomFanOut: 3 } });
  const { data } = on(sandbox, sandboxConnection);

  it("lists each use but reads each assembly's children once, and stops at the cycle", async () => {
    const [top, shared, , user, part] = sandbox().data.components;
    user.childIds.push(shared.id);
    part.childIds.push(top.id);
    const bom = await data<Bom>("getComponentChildren", { componentId: top.id, flatten: "true" });
    expect(bom.repeatedAssemblyIds.sort()).toEqual([top.id, shared.id].sort());
    expect(bom.items.filter((item) => item.id === shared.id).map((item) => item.parentId)).toEqual([top.id, user.id]);
    expect(bom.items.filter((item) => item.id === top.id)).toEqual([expect.objectContaining({ parentId: part.id, depth: 3 })]);
    expect(bom.items.filter((item) => item.parentId === shared.id)).toHaveLength(3);
    expect(bom.depth).toBe(3);
    expect(sandbox().requests).toHaveLength(3);
  });
});

describeHub("getComponentChildren", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant });
  const { failure } = on(sandbox, hubConnection);

  it("fails before any request: Duro Hub documents no BOM field", async () => {
    const error = await failure("getComponentChildren", { componentId: "cmp-00001", flatten: "true" });
    expect(error).toMatchObject({ kind: "invalid-input", input: "duroEnvironment" });
    expect(error.message).toContain("Raw Request");
    expect(sandbox().requests).toHaveLength(0);
  });
});
