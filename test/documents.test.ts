// Every GraphQL document the connector can send is valid against the sandbox's classic schema: the documents of every
// operation module (found by enumerating src/operations, so a new operation is covered without editing this file),
// the rawRequest action's default query, and whatever the actions really sent to the sandbox.
import { readdirSync } from "node:fs";
import path from "node:path";
import { GraphQLError, parse, validate } from "graphql";
import { classicSchema } from "../fixtures/sandbox";
import { createSeed } from "../fixtures/seed";
import { OperationDocuments } from "../src/operations/dialects";
import { harness, runAction, sandboxConnection, useSandbox } from "./support";

const OPERATIONS_DIR = path.resolve(__dirname, "../src/operations");

const isOperationDocuments = (value: unknown): value is OperationDocuments =>
  typeof value === "object" && value !== null && typeof (value as { documents?: unknown }).documents === "object";

/** [module/export, documents] for every exported OperationDocuments in src/operations/*.ts. */
const operations: Array<[string, OperationDocuments]> = readdirSync(OPERATIONS_DIR)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
  .sort()
  .flatMap((file) => {
    const exports = jest.requireActual<Record<string, unknown>>(path.join(OPERATIONS_DIR, file));
    return Object.entries(exports)
      .filter((entry): entry is [string, OperationDocuments] => isOperationDocuments(entry[1]))
      .map(([name, operation]): [string, OperationDocuments] => [`${path.basename(file, ".ts")}.${name}`, operation]);
  });

const classicDocuments = operations.flatMap(([name, { documents }]) =>
  documents.classic === undefined ? [] : [[name, documents.classic] as [string, string]],
);
const everyDocument = operations.flatMap(([name, { documents }]) =>
  Object.entries(documents).map(([dialect, document]) => [`${name} (${dialect})`, document] as [string, string]),
);

/** The schema's complaints about a document, as readable lines (syntax errors included). */
const classicErrors = (document: string): string[] => {
  try {
    return validate(classicSchema, parse(document)).map((error) => error.toString());
  } catch (error) {
    return [(error as GraphQLError).toString()];
  }
};

describe("the operation documents found in src/operations", () => {
  it("include the documents the seed actions use", () => {
    expect(operations.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        "changeOrders.LIST_CHANGE_ORDERS",
        "changeOrders.CREATE_CHANGE_ORDER",
        "components.GET_COMPONENTS_BY_IDS",
        "components.LIST_COMPONENTS",
        "users.GET_CURRENT_USER",
        "users.LIST_COMPANY_USERS",
      ]),
    );
  });

  it.each(everyDocument)("%s is GraphQL that parses", (_, document) => {
    expect(() => parse(document)).not.toThrow();
  });

  it.each(classicDocuments)("%s (classic) is valid against the classic schema", (_, document) => {
    expect(classicErrors(document)).toEqual([]);
  });
});

describe("the rawRequest action's default query", () => {
  it("is valid against the classic schema", () => {
    const query = harness.component.actions.rawRequest.inputs.find((input) => input.key === "query")?.default;
    expect(typeof query).toBe("string");
    expect(classicErrors(query as string)).toEqual([]);
  });
});

describe("every document the actions really send", () => {
  const sandbox = useSandbox();
  const seed = createSeed();
  const paramsFor: Record<string, Record<string, unknown>> = {
    createChangeOrder: { name: "Checked against the schema", description: "From the documents test" },
    getComponentById: { componentId: seed.components[0].id },
    listChangeOrders: { orderBy: '[{"name":"asc"}]' },
    listComponents: { libraryType: "PERSONAL", first: "3" },
  };

  it.each(Object.keys(harness.component.actions).sort())("%s sends only documents valid against the classic schema", async (key) => {
    await runAction(key, { connection: sandboxConnection(sandbox()), ...paramsFor[key] });
    const sent = sandbox().requests.map((request) => request.query);
    expect(sent.length).toBeGreaterThan(0);
    for (const query of sent) {
      expect(typeof query).toBe("string");
      expect(classicErrors(query as string)).toEqual([]);
    }
  });
});
