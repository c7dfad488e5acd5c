// Every GraphQL document the connector can send is valid against the schema of the sandbox it targets: the documents of
// every operation module (found by enumerating src/operations and its subfolders, so a new operation is covered without
// editing this file) — a Duro Hub operation's variants (newest first) each against the schema of the shape it is
// written for (the older one, or an alternative reading of Duro's docs), a single Duro Hub document against both
// sandbox shapes —, the rawRequest action's default query, and whatever the actions really sent.
import { buildSchema, GraphQLError, GraphQLSchema, parse, printSchema, validate } from "graphql";
import { ALTERNATIVE_TARGETS, HUB_ALTERNATIVES, HubAlternative } from "../fixtures/hubAlternatives";
import { classicSchema, HUB_SCHEMAS, HUB_VARIANTS, HubVariant } from "../fixtures/sandbox";
import { createSeed } from "../fixtures/seed";
import { documentFacts } from "../src/client/documentFacts";
import { Operation, variantsOf } from "../src/operations/dialects";
import { paramsFor as validParamsFor } from "./actionParams";
import { ALL_ACTION_KEYS, ENDPOINT_CASES, harness, operationModules, runAction, runsOnDialect, runsOnHubShape, useSandbox } from "./support";

type AnyOperation = Operation<never, unknown>;


/** Which schema a document targets: the dialect's, on Duro Hub its shape, or an alternative shape (fixtures/hubAlternatives.ts). */
type Target = "classic" | `hub ${HubVariant}` | `hub ${HubAlternative}`;
const alternativeSchema = (alternative: HubAlternative): GraphQLSchema => buildSchema(HUB_ALTERNATIVES[alternative](printSchema(HUB_SCHEMAS.newest)));
const TARGET_SCHEMAS: Record<Target, GraphQLSchema> = {
  classic: classicSchema,
  "hub newest": HUB_SCHEMAS.newest,
  "hub legacy": HUB_SCHEMAS.legacy,
  ...(Object.fromEntries((Object.keys(HUB_ALTERNATIVES) as HubAlternative[]).map((alternative) => [`hub ${alternative}`, alternativeSchema(alternative)])) as Record<`hub ${HubAlternative}`, GraphQLSchema>),
};

/** A Hub variant's target, by its operation's name: "…Legacy" the older shape, a listed alternative's, else the newest. */
const hubTarget = (document: string): Target => {
  const operationName = documentFacts(document).operationName ?? "";
  if (operationName.endsWith("Legacy")) return "hub legacy";
  const alternative = ALTERNATIVE_TARGETS[operationName];
  return alternative ? `hub ${alternative}` : "hub newest";
};

const isOperation = (value: unknown): value is AnyOperation =>
  typeof value === "object" && value !== null && typeof (value as { documents?: unknown }).documents === "object";

/** [module.export, operation] for every exported Operation under src/operations. */
const operations: Array<[string, AnyOperation]> = operationModules().flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, AnyOperation] => isOperation(entry[1]))
    .map(([name, operation]): [string, AnyOperation] => [`${module}.${name}`, operation]),
);

/**
 * [name (target), target, document] for every document of every operation: on Duro Hub, each variant of a list
 * targets the shape it is written for (hubTarget), and a single document must suit both sandbox shapes.
 */
const everyDocument = operations.flatMap(([name, { documents }]) =>
  Object.entries(documents).flatMap(([dialect, queries]): Array<[string, Target, string]> => {
    const variants = variantsOf(queries);
    if (dialect === "classic") return [[`${name} (classic)`, "classic", variants[0].document]];
    if (!Array.isArray(queries)) return HUB_VARIANTS.map((variant) => [`${name} (hub ${variant})`, `hub ${variant}`, variants[0].document]);
    return variants.map((query, index) => [`${name} (variant ${index + 1}, ${hubTarget(query.document)})`, hubTarget(query.document), query.document]);
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
    const hubOperations = operations.filter(([, { documents }]) => documents.hub !== undefined).map(([name]) => name);
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

  it("put the newest Duro Hub variant first and the older shape's, if any, last", () => {
    for (const [name, { documents }] of operations) {
      if (!Array.isArray(documents.hub)) continue;
      const targets = documents.hub.map((query) => hubTarget(query.document));
      expect([name, targets[0]]).toEqual([name, "hub newest"]);
      expect([name, targets.slice(0, -1).includes("hub legacy")]).toEqual([name, false]);
    }
  });

  it("annotate only fields passed on: never an ID, pageInfo, edges or node", () => {
    const needed = /\.(id|pageInfo|edges|node|endCursor|hasNextPage)$/;
    const misplaced = operations.flatMap(([name, { documents }]) =>
      (documents.hub ? variantsOf(documents.hub) : []).flatMap((query) => (query.passThrough ?? []).filter((field) => needed.test(field)).map((field) => `${name}: ${field}`)),
    );
    expect(misplaced).toEqual([]);
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

describe.each(ENDPOINT_CASES)("every document the actions really send, $name", ({ dialect, hubVariant, connectionFor }) => {
  const actionKeys = ALL_ACTION_KEYS.filter((key) => runsOnDialect(key, dialect) && runsOnHubShape(key, hubVariant));
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
    // Actions without params of their own here run with their valid params from test/actionParams.ts.
    const valid = validParamsFor(key);
    if (!(key in paramsFor)) valid.prepare?.(sandbox());
    await runAction(key, { connection: connectionFor(sandbox()), ...(paramsFor[key] ?? valid.params) });
    const sent = sandbox().requests.map((request) => request.query);
    expect(sent.length).toBeGreaterThan(0);
    for (const query of sent) {
      expect(typeof query).toBe("string");
      expect(schemaErrors(schema, query as string)).toEqual([]);
    }
  });
});
