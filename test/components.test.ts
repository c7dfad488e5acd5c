// The component actions through spectral's harness against the sandbox, counting its requests: List Components and
// Get Component by ID (results, defaults, paging) on both dialects; many IDs in one request (order kept, missing ones
// named); searches in both dialects. The BOM is in componentChildren.test.ts, create and update in
// componentMutations.test.ts.
import { createSeed, SeedComponent } from "../fixtures/seed";
import { actionsOn, describeHub, ENDPOINT_CASES, failureOf, harness, hubConnection, runAction, sandboxConnection, shapeDifferences, SMALL_SEED, useSandbox } from "./support";

const seed = createSeed();
const general = seed.components.filter((component) => component.libraryType === "GENERAL");
const ids = (items: Array<{ id: string }>): string[] => items.map((item) => item.id);
/** The seed the list and get suites' expectations were written against. */
const smallSeed = createSeed(SMALL_SEED);
const componentsIn = (libraryType: SeedComponent["libraryType"]) => smallSeed.components.filter((c) => c.libraryType === libraryType);

interface Page<TItem> {
  items: TItem[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}
type Item = Record<string, unknown> & { id: string };

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

describe("listComponents", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { data } = actionsOn(sandbox);
  const general = componentsIn("GENERAL");

  it("returns 5 GENERAL components when no inputs are given, and asks for exactly that", async () => {
    const page = await data<Page<Item>>("listComponents");
    expect(ids(page.items)).toEqual(ids(general.slice(0, 5)));
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(sandbox().requests).toHaveLength(1);
    expect(sandbox().requests[0].variables).toEqual({ libraryType: "GENERAL", first: 5 });
  });

  it("returns as many items as first asks for", async () => {
    const page = await data<Page<Item>>("listComponents", { first: "25" });
    expect(ids(page.items)).toEqual(ids(general.slice(0, 25)));
  });

  it("continues after the previous page's endCursor without overlap", async () => {
    const firstPage = await data<Page<Item>>("listComponents", { first: "5" });
    expect(firstPage.pageInfo.endCursor).toEqual(expect.any(String));
    const nextPage = await data<Page<Item>>("listComponents", { first: "5", after: firstPage.pageInfo.endCursor });
    expect(ids(nextPage.items)).toEqual(ids(general.slice(5, 10)));
    expect(ids(nextPage.items).filter((id) => ids(firstPage.items).includes(id))).toEqual([]);
    expect(sandbox().requests[1].variables).toMatchObject({ after: firstPage.pageInfo.endCursor });
  });

  it("lists only PERSONAL components when libraryType is PERSONAL", async () => {
    const personal = componentsIn("PERSONAL");
    expect(personal.length).toBeGreaterThan(0);
    const page = await data<Page<Item>>("listComponents", { libraryType: "PERSONAL", first: "100" });
    expect(ids(page.items)).toEqual(ids(personal));
    expect(page.totalCount).toBe(personal.length);
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
  });

  it("returns the library's totalCount, not the page size", async () => {
    const page = await data<Page<Item>>("listComponents");
    expect(page.totalCount).toBe(general.length);
  });

  it("returns each component's summary fields as seeded", async () => {
    const [item] = (await data<Page<Item>>("listComponents", { first: "1" })).items;
    const [seeded] = general;
    expect(item).toEqual({
      id: seeded.id,
      cpn: { displayValue: seeded.cpn },
      name: seeded.name,
      description: seeded.description,
      category: seeded.category,
      status: seeded.status,
      revisionValue: seeded.revisionValue,
      workflowState: seeded.workflowState,
      mass: seeded.mass,
      created: seeded.created,
      lastModified: seeded.lastModified,
    });
  });
});

describe("getComponentById", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { data } = actionsOn(sandbox);

  it("returns the component with its direct children", async () => {
    const seeded = smallSeed.components[0];
    expect(seeded.childIds.length).toBeGreaterThan(0);
    const component = await data<Item & { children: Array<{ component: { id: string } }> }>("getComponentById", { componentId: seeded.id });
    expect(component).toMatchObject({ id: seeded.id, name: seeded.name, cpn: { displayValue: seeded.cpn }, specs: seeded.specs });
    expect(component.children.map((child) => child.component.id)).toEqual(seeded.childIds);
    expect(sandbox().requests[0].variables).toEqual({ ids: [seeded.id] });
  });

});

// The component actions both dialects offer pass the same tests against the classic and the Duro Hub sandbox.
describe.each(ENDPOINT_CASES)("components on both dialects, $name sandbox", ({ dialect, hubVariant, connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant, seed: SMALL_SEED });
  const { data } = actionsOn(sandbox, connectionFor);

  it("getComponentById returns the component with that ID", async () => {
    const [component] = componentsIn("GENERAL");
    await expect(data("getComponentById", { componentId: component.id })).resolves.toMatchObject({ id: component.id, name: component.name });
  });

  it("getComponentById with an unknown ID fails not-found, naming the ID", async () => {
    const error = await failureOf(data("getComponentById", { componentId: "cmp-missing-42" }));
    expect(error.kind).toBe("not-found");
    expect(error.message).toContain("cmp-missing-42");
  });

  it("listComponents returns the default page of 5 with the library's total", async () => {
    const page = (await data("listComponents")) as Page<Item>;
    expect(page.items.map((item) => item.id)).toEqual(componentsIn("GENERAL").slice(0, 5).map((component) => component.id));
    expect(page.totalCount).toBe(componentsIn("GENERAL").length);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it("listComponents continues from endCursor with no overlap", async () => {
    const first = (await data("listComponents", { first: "4" })) as Page<Item>;
    const second = (await data("listComponents", { first: "4", after: first.pageInfo.endCursor })) as Page<Item>;
    expect(second.items.map((item) => item.id)).toEqual(componentsIn("GENERAL").slice(4, 8).map((component) => component.id));
  });

  it("an input the dialect rejects fails before any request", async () => {
    await failureOf(data("listComponents", { first: "0" }));
    expect(sandbox().requests).toHaveLength(0);
  });
});

describe.each(ENDPOINT_CASES)("getComponentsByIds, $name dialect", ({ dialect, hubVariant, connectionFor: connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant });
  const { data, failure } = actionsOn(sandbox, connectionFor);
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
  const { data } = actionsOn(sandbox, connectionFor);

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
  const { data, failure } = actionsOn(sandbox, hubConnection);

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
  const { data, failure } = actionsOn(sandbox, sandboxConnection);

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
