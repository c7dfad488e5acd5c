// How the actions take their inputs, run by key through spectral's harness (clean functions, string defaults, error
// hook) against the embedded Duro sandbox over HTTP: every input is checked before any request, with a message that
// names the input and what it allows; typed values, as mapped from earlier steps, are taken as they come.
import { actionsOn, recordingLogger, SMALL_SEED, useSandbox } from "./support";

interface Page<TItem> {
  items: TItem[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}
type Item = Record<string, unknown> & { id: string };

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
