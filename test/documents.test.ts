// Every GraphQL document the connector can send is valid against the schema of the sandbox it targets: the documents
// of every operation module (found by enumerating src/operations, so a new operation is covered without editing this
// file) — a Duro Hub operation's variants (newest first) each against its Hub variant's schema, a single Duro Hub
// document against both —, the rawRequest action's default query, and whatever the actions really sent.
import { readdirSync } from "node:fs";
import path from "node:path";
import { GraphQLError, GraphQLSchema, parse, validate } from "graphql";
import { classicSchema, HUB_SCHEMAS, HUB_VARIANTS, HubVariant } from "../fixtures/sandbox";
import { createSeed } from "../fixtures/seed";
import { Operation } from "../src/operations/dialects";
import { CLASSIC_ACTION_KEYS, ENDPOINT_CASES, HUB_ACTION_KEYS, harness, runAction, MORE_ACTION_KEYS, SEED_ACTION_KEYS, useSandbox } from "./support";

const OPERATIONS_DIR = path.resolve(__dirname, "../src/operations");

type AnyOperation = Operation<never, unknown>;


/** Which schema a document targets: the dialect's, and on Duro Hub the Hub variant. */
type Target = "classic" | `v2 ${HubVariant}`;
const TARGET_SCHEMAS: Record<Target, GraphQLSchema> = {
  classic: classicSchema,
  "v2 newest": HUB_SCHEMAS.newest,
  "v2 legacy": HUB_SCHEMAS.legacy,
};

const isOperation = (value: unknown): value is AnyOperation =>
  typeof value === "object" && value !== null && typeof (value as { documents?: unknown }).documents === "object";

/** [module/export, operation] for every exported Operation in src/operations/*.ts. */
const operations: Array<[string, AnyOperation]> = readdirSync(OPERATIONS_DIR)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
  .sort()
  .flatMap((file) => {
    const exports = jest.requireActual<Record<string, unknown>>(path.join(OPERATIONS_DIR, file));
    return Object.entries(exports)
      .filter((entry): entry is [string, AnyOperation] => isOperation(entry[1]))
      .map(([name, operation]): [string, AnyOperation] => [`${path.basename(file, ".ts")}.${name}`, operation]);
  });

/**
 * [name (target), target, document] for every document of every operation: on Duro Hub, variant i of a list targets
 * HUB_VARIANTS[i] (newest first; a shorter list stops at the oldest shape that has the operation), and a single
 * document must suit every Hub variant.
 */
const everyDocument = operations.flatMap(([name, { documents }]) =>
  Object.entries(documents).flatMap(([dialect, queries]): Array<[string, Target, string]> => {
    if (dialect === "classic") return [[`${name} (classic)`, "classic", [queries].flat()[0].document]];
    const targets = Array.isArray(queries)
      ? queries.map((query, index) => [HUB_VARIANTS[index], query] as const)
      : HUB_VARIANTS.map((variant) => [variant, queries] as const);
    return targets.map(([variant, query]) => [`${name} (v2 ${variant})`, `v2 ${variant}`, query.document]);
  }),
);

/** The schema's complaints about a document, as readable lines (syntax errors included). */
const schemaErrors = (schema: GraphQLSchema, document: string): string[] => {
  try {
    return validate(schema, parse(document)).map((error) => error.toString());
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
        "components.GET_COMPONENT",
        "components.LIST_COMPONENTS",
        "components.GET_COMPONENTS_BY_IDS",
        "components.SEARCH_COMPONENTS",
        "bom.GET_COMPONENT_CHILDREN",
        "users.GET_CURRENT_USER",
        "users.LIST_COMPANY_USERS",
      ]),
    );
  });

  it("include the Duro Hub documents", () => {
    const hubOperations = operations.filter(([, { documents }]) => documents.v2 !== undefined).map(([name]) => name);
    expect(hubOperations).toEqual(
      expect.arrayContaining([
        "changeOrders.CREATE_CHANGE_ORDER",
        "changeOrders.CREATE_CHANGE_ORDER_TEMPLATE",
        "changeOrders.GET_CHANGE_ORDER",
        "changeOrders.GET_LATEST_VALIDATION_RUN",
        "changeOrders.LIST_CHANGE_ORDERS",
        "changeOrders.VALIDATE_CHANGE_ORDER",
        "components.GET_COMPONENT",
        "components.LIST_COMPONENTS",
        "components.GET_COMPONENTS_BY_IDS",
        "components.SEARCH_COMPONENTS",
        "components.CREATE_COMPONENT",
        "components.UPDATE_COMPONENT",
        "libraries.LIST_LIBRARIES",
      ]),
    );
  });

  it("give no more Duro Hub variants than the sandbox has (a shorter list: the older shapes lack the operation)", () => {
    for (const [name, { documents }] of operations) {
      if (Array.isArray(documents.v2)) expect([name, documents.v2.length <= HUB_VARIANTS.length]).toEqual([name, true]);
    }
  });

  it.each(everyDocument)("%s is valid against its target's schema", (_, target, document) => {
    expect(schemaErrors(TARGET_SCHEMAS[target], document)).toEqual([]);
  });
});

describe("the rawRequest action's default query", () => {
  it("is valid against the classic schema", () => {
    const query = harness.component.actions.rawRequest.inputs.find((input) => input.key === "query")?.default;
    expect(typeof query).toBe("string");
    expect(schemaErrors(classicSchema, query as string)).toEqual([]);
  });
});

// Duro documents component mutations only in its newest Hub shape: on the older one they send nothing (see dialects.test.ts).
const NEWEST_HUB_ONLY_KEYS: readonly string[] = ["createComponent", "updateComponent"];

describe.each(ENDPOINT_CASES)("every document the actions really send, $name", ({ dialect, hubVariant, connectionFor }) => {
  const actionKeys =
    dialect === "classic"
      ? [...SEED_ACTION_KEYS, ...MORE_ACTION_KEYS, ...CLASSIC_ACTION_KEYS]
      : [...SEED_ACTION_KEYS.filter((key) => key !== "getCurrentUser" && key !== "listCompanyUsers"), ...HUB_ACTION_KEYS, ...MORE_ACTION_KEYS].filter(
          (key) => hubVariant === "newest" || !NEWEST_HUB_ONLY_KEYS.includes(key),
        );
  const schema = dialect === "classic" ? classicSchema : HUB_SCHEMAS[hubVariant ?? "newest"];
  const sandbox = useSandbox({ dialect, hubVariant });
  const seed = createSeed();
  const paramsFor: Record<string, Record<string, unknown>> = {
    createChangeOrder: { name: "Checked against the schema", description: "From the documents test" },
    getComponentById: { componentId: seed.components[0].id },
    listChangeOrders: dialect === "classic" ? { orderBy: '[{"name":"asc"}]' } : {},
    listComponents: dialect === "classic" ? { libraryType: "PERSONAL", first: "3" } : { first: "3" },
    validateChangeOrder: { changeOrderId: seed.changeOrders[0].id },
    getChangeOrderById: { changeOrderId: seed.changeOrders[0].id },
    getComponentsByIds: { componentIds: [seed.components[0].id, seed.components[1].id] },
    searchComponents: { name: "Resistor", status: "DESIGN" },
    getComponentChildren: { componentId: seed.components[0].id, flatten: "true" },
    getLatestValidationRun: { changeOrderId: seed.changeOrders[0].id },
    createChangeOrderTemplate: { name: "Checked against the schema" },
    createComponent: { name: "Checked against the schema", description: "From the documents test" },
    updateComponent: { componentId: seed.components[0].id, name: "Checked against the schema", expectedVersion: String(seed.components[0].version) },
    rawRequest: dialect === "classic" ? {} : { query: "{ library { current { id name } } }" },
  };

  it.each([...actionKeys])("%s sends only documents valid against the schema", async (key) => {
    await runAction(key, { connection: connectionFor(sandbox()), ...paramsFor[key] });
    const sent = sandbox().requests.map((request) => request.query);
    expect(sent.length).toBeGreaterThan(0);
    for (const query of sent) {
      expect(typeof query).toBe("string");
      expect(schemaErrors(schema, query as string)).toEqual([]);
    }
  });
});
