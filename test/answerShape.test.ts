// Duro's answer is checked against the document that asked for it before the connector reads it: a field missing, or
// null where the connector needs an object, is Duro's failure (`server`, naming the path); null where the document
// expects it is an answer (e.g. not-found); and a failure reading an answer that passed is the connector's own bug
// (`internal`). Through the actions against a hostile server, and through `perform` with test-only operations.
import { ServerResponse } from "node:http";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { GraphQLSchema, parse, TypeInfo, visit, visitWithTypeInfo } from "graphql";
import type { FragmentDefinitionNode } from "graphql";
import { classicSchema, HUB_SCHEMAS } from "../fixtures/sandbox";
import { answerFlaw } from "../src/client/answerShape";
import { DuroClient } from "../src/client/duroClient";
import { duroApiKey } from "../src/connections/duroApiKey";
import { dialectQuery, noVariables, Operation, perform, variantsOf } from "../src/operations/dialects";
import { classicComponentNode, Script, useScriptedServer } from "./servers";
import { failureOf, operationModules, recordingLogger, runAction, sandboxConnection, useSandbox } from "./support";

const answer =
  (data: unknown): Script =>
  (_, response: ServerResponse) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ data }));
  };

const API_KEY = "answer-shape-key-0123456789";
const classicTo = (url: string) => createConnection(duroApiKey, { apiKey: API_KEY, customDuroEnvironment: url, maxAttempts: "1" });
const hubTo = (url: string) =>
  createConnection(duroApiKey, { apiKey: API_KEY, duroEnvironment: "hub", customDuroEnvironment: url, organization: "acme", library: "main", maxAttempts: "1" });

/** A classic List Components page holding `nodes`. */
const classicPage = (nodes: unknown[]) => ({
  components: { connection: { totalCount: nodes.length, edges: nodes.map((node, index) => ({ cursor: `c${index}`, node })), pageInfo: { hasNextPage: false, endCursor: null } } },
});

describe("an answer checked through the actions", () => {
  const server = useScriptedServer();

  it("a missing selected field fails as server, naming its path", async () => {
    const withoutWorkflowState = classicComponentNode({ id: "cmp-1" });
    delete withoutWorkflowState.workflowState;
    server().answerWith(answer(classicPage([classicComponentNode({ id: "cmp-0" }), withoutWorkflowState])));
    const error = await failureOf(runAction("listComponents", { connection: classicTo(server().url) }));
    expect(error.kind).toBe("server");
    expect(error.message).toContain("Duro's answer to List Components lacks what the connector reads: components.connection.edges.node.workflowState is missing.");
    expect(error.message).toContain("Run the same query with Raw Request");
  });

  it("a null field in the envelope fails as server, naming its path", async () => {
    server().answerWith(answer({ components: { connection: null } }));
    const error = await failureOf(runAction("listComponents", { connection: classicTo(server().url) }));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining("lacks what the connector reads: components.connection is null.") });
  });

  it("an object where the document selects subfields is required: a scalar there fails as server", async () => {
    server().answerWith(answer(classicPage([classicComponentNode({ id: "cmp-0", cpn: "CPN-1" })])));
    const error = await failureOf(runAction("listComponents", { connection: classicTo(server().url) }));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining("components.connection.edges.node.cpn is not an object.") });
  });

  it("null inside a list is data: the list is read", async () => {
    server().answerWith(answer(classicPage([classicComponentNode({ id: "cmp-0", cpn: null, name: "Resistor" })])));
    const result = await runAction("listComponents", { connection: classicTo(server().url) });
    expect(result).toMatchObject({ data: { items: [{ id: "cmp-0", cpn: null, name: "Resistor" }] } });
  });

  it("a list entry without its node fails as server, not as the connector's bug", async () => {
    const page = classicPage([classicComponentNode({ id: "cmp-0" })]);
    page.components.connection.edges.push({ cursor: "c1", node: null });
    server().answerWith(answer(page));
    const error = await failureOf(runAction("listComponents", { connection: classicTo(server().url) }));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining("entry 2 is empty") });
  });

  it.each([
    ["classic", classicTo, { componentsByIds: null }],
    ["classic, a null entry", classicTo, { componentsByIds: [null] }],
    ["Duro Hub", hubTo, { component: { findOne: null } }],
  ])("a null the document declares (%s) is the normal outcome: not-found", async (_, connectionTo, data) => {
    server().answerWith(answer(data));
    const error = await failureOf(runAction("getComponentById", { connection: connectionTo(server().url), componentId: "cmp-404" }));
    expect(error).toMatchObject({ kind: "not-found", message: expect.stringContaining('No component with ID "cmp-404"') });
  });

  it("a null above the declared path is still Duro's failure", async () => {
    server().answerWith(answer({ component: null }));
    const error = await failureOf(runAction("getComponentById", { connection: hubTo(server().url), componentId: "cmp-1" }));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining("Duro's answer to Get Component by ID lacks what the connector reads: component is null.") });
  });

  it("below a declared path null is data, and a reader that needs more says so as server", async () => {
    server().answerWith(answer({ changeOrders: { validate: { id: "co-1", isValid: false, validationRun: null } } }));
    const error = await failureOf(runAction("validateChangeOrder", { connection: hubTo(server().url), changeOrderId: "co-1" }));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining('Validate Change Order for "co-1" without the validation run\'s outcome') });
  });

  it("an empty entry in a list Duro answers whole fails as server, not as the connector's bug", async () => {
    server().answerWith(answer({ webhooks: { findAll: [null] } }));
    const error = await failureOf(runAction("listWebhooks", { connection: hubTo(server().url) }));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining("entry 1 is empty") });
  });

  it("a null inside a list that the connector reads further says so as server", async () => {
    const run = { id: "vr-1", state: "FAIL", createdAt: null, createdBy: null, summary: null, results: null };
    server().answerWith(answer({ changeOrders: { get: { connection: { edges: [{ node: { id: "co-1", name: "CO", isValid: false, latestValidationRun: run } }] } } } }));
    const error = await failureOf(runAction("getLatestValidationRun", { connection: hubTo(server().url), changeOrderId: "co-1" }));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining('validation run "vr-1" without its results') });
  });

  it("a flawed answer to a mutation says Duro received the change, instead of suggesting to run it again", async () => {
    server().answerWith(answer({ component: { create: [{ id: "cmp-new" }] } }));
    const error = await failureOf(runAction("createComponent", { connection: hubTo(server().url), name: "New part" }));
    expect(error.kind).toBe("server");
    expect(error.message).toContain("Duro's answer to Create Component lacks what the connector reads: component.create.cpn is missing.");
    expect(error.message).toContain("Duro received the change: check it in Duro before running the step again");
    expect(error.message).not.toContain("Raw Request");
  });
});

/** A test-only query with an alias and a fragment, its answer read through both. */
const WHO_AM_I: Operation<void, string> = {
  name: "Who Am I",
  documents: {
    classic: dialectQuery({
      document: /* GraphQL */ `
        query WhoAmI {
          me: userById {
            ...Contact
            company: primaryCompany { id }
          }
        }
        fragment Contact on User {
          id
          mail: email
        }
      `,
      variables: noVariables,
      result: (data: { me: { id: string; mail: string | null; company: { id: string } } }) => `${data.me.id} ${data.me.mail} ${data.me.company.id}`,
    }),
  },
};

describe("an alias and a fragment field are checked as the answer names them", () => {
  const server = useScriptedServer();
  const client = () => new DuroClient({ apiKey: API_KEY, customDuroEnvironment: server().url, maxAttempts: "1" }, { logger: recordingLogger().logger, debug: false });

  it("an answer with every field under its alias is read", async () => {
    server().answerWith(answer({ me: { id: "us-1", mail: "ada@example.com", company: { id: "co-1" } } }));
    await expect(perform(client(), WHO_AM_I, undefined)).resolves.toBe("us-1 ada@example.com co-1");
  });

  it.each([
    ["a field under its name instead of its alias", { me: { id: "us-1", email: "ada@example.com", company: { id: "co-1" } } }, "me.mail is missing"],
    ["a field of the fragment missing", { me: { mail: "ada@example.com", company: { id: "co-1" } } }, "me.id is missing"],
    ["an aliased field with subfields null", { me: { id: "us-1", mail: null, company: null } }, "me.company is null"],
    ["the aliased root missing", { userById: { id: "us-1", mail: null, company: { id: "co-1" } } }, "me is missing"],
  ])("%s fails as server, naming the path", async (_, data, flaw) => {
    server().answerWith(answer(data));
    const error = await failureOf(perform(client(), WHO_AM_I, undefined));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining(`Duro's answer to Who Am I lacks what the connector reads: ${flaw}.`) });
  });
});

describe("a failure reading an answer that passed the check", () => {
  const sandbox = useSandbox();

  it("is the connector's bug (internal), never Duro's", async () => {
    // Deliberately broken: reads a field the document does not select.
    const broken: Operation<void, string> = {
      name: "Read Company Name",
      documents: {
        classic: dialectQuery({
          document: "query ReadCompanyName { userById { id } }",
          variables: noVariables,
          result: (data: { userById: { id: string } }) => (data.userById as unknown as { company: { name: string } }).company.name,
        }),
      },
    };
    const client = new DuroClient(sandboxConnection(sandbox()).fields as ConstructorParameters<typeof DuroClient>[0], { logger: recordingLogger().logger, debug: false });
    const error = await failureOf(perform(client, broken, undefined));
    expect(error.kind).toBe("internal");
    expect(error.message).toMatch(/^The connector failed reading Duro's answer to Read Company Name: Cannot read properties of undefined \(reading 'name'\) — a bug in the connector: report it with the step's log\.$/);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(sandbox().requests).toHaveLength(1);
  });
});

type AnyOperation = Operation<never, unknown>;
const operations = operationModules().flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, AnyOperation] => typeof (entry[1] as AnyOperation | undefined)?.documents === "object")
    .map(([name, operation]): [string, AnyOperation] => [`${module}.${name}`, operation]),
);
const everyQuery = operations.flatMap(([name, { documents }]) =>
  Object.entries(documents).flatMap(([dialect, queries]) => variantsOf(queries).map((query, index) => ({ title: `${name} (${dialect} ${index + 1})`, dialect, query }))),
);

describe("every operation's documents, as the check reads them", () => {
  it.each(everyQuery)("$title compiles, its nullable paths naming fields with subfields", ({ query }) => {
    // An empty answer lacks the first root field: the document was read, and every declaration found its field.
    expect(answerFlaw(query, query.document, query.nullable, {})).toMatchObject({ problem: "is missing" });
  });

  /** Where a fragment is spread, the type it is spread on, per schema that knows that place. */
  const spreadTypes = (schema: GraphQLSchema, document: string): Array<{ fragment: string; on: string | undefined }> => {
    const ast = parse(document);
    const conditions = new Map(ast.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === "FragmentDefinition").map((fragment) => [fragment.name.value, fragment.typeCondition.name.value]));
    const typeInfo = new TypeInfo(schema);
    const found: Array<{ fragment: string; on: string | undefined }> = [];
    visit(
      ast,
      visitWithTypeInfo(typeInfo, {
        FragmentSpread: (node) => {
          found.push({ fragment: conditions.get(node.name.value) ?? "?", on: typeInfo.getParentType()?.name });
        },
        InlineFragment: (node) => {
          if (node.typeCondition) found.push({ fragment: node.typeCondition.name.value, on: typeInfo.getParentType()?.name });
        },
      }),
    );
    return found;
  };

  // The check takes a fragment's fields as always selected: true only where it is spread on its own type.
  it.each(everyQuery)("$title spreads fragments only on their own type", ({ dialect, query }) => {
    const schemas = dialect === "classic" ? [classicSchema] : [HUB_SCHEMAS.newest, HUB_SCHEMAS.legacy];
    const spreads = schemas.map((schema) => spreadTypes(schema, query.document)).find((found) => found.every(({ on }) => on !== undefined));
    expect(spreads).toBeDefined();
    expect((spreads ?? []).filter(({ fragment, on }) => fragment !== on)).toEqual([]);
  });
});

describe("a document the check cannot read", () => {
  it("is refused as the connector's bug, naming why", () => {
    const owner = {};
    expect(() => answerFlaw(owner, "query Q { userById { id @skip(if: true) } }", undefined, {})).toThrow("conditionally (@skip)");
    expect(() => answerFlaw(owner, "query Q { userById { id } }", ["userById.id"], {})).toThrow("nullable names userById.id");
  });
});
