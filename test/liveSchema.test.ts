// The live schema decides: the happy path sends nothing extra; a validation error (nothing ran) makes the client read
// the endpoint's schema once, pick the variant it accepts and send again; an execution error is never sent again.
import { DuroSandbox, SANDBOX_ORGANIZATION, SandboxOptions, startSandbox } from "../fixtures/sandbox";
import { DuroClient } from "../src/client/duroClient";
import { DuroError } from "../src/client/errors";
import { isValidationFailure } from "../src/client/liveSchema";
import { CHANGED_COMPONENTS } from "../src/operations/changes";
import { DialectQuery, dialectQuery, Operation, perform } from "../src/operations/dialects";
import { hubConnection, recordingLogger, runAction, sandboxConnection, SMALL_SEED } from "./support";

const INTROSPECTION = "IntrospectionQuery";

/** A sandbox for one test (the live schema is cached per endpoint, so each test gets its own), stopped after it. */
const started: DuroSandbox[] = [];
const sandboxFor = async (options: SandboxOptions = {}): Promise<DuroSandbox> => {
  const sandbox = await startSandbox({ dialect: "v2", seed: SMALL_SEED, ...options });
  started.push(sandbox);
  return sandbox;
};
afterEach(async () => {
  await Promise.all(started.splice(0).map((sandbox) => sandbox.stop()));
});

const hubClient = (sandbox: DuroSandbox, logger = recordingLogger().logger) =>
  new DuroClient(hubConnection(sandbox).fields, { logger, debug: true, retry: { maxAttempts: 1 } });

const operationNames = (sandbox: DuroSandbox) => sandbox.requests.map((request) => request.operationName);

const rejection = async (promise: Promise<unknown>): Promise<DuroError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DuroError)) throw new Error(`expected a DuroError, got ${String(error)}`);
  return error;
};

interface Named {
  id: string;
  name: string | null;
}

/** Newest first: Duro's newest namespace (`component`), which the sandbox lacks, then the one it has (`components`). */
const PROBE_COMPONENT: Operation<{ id: string }, Named> = {
  name: "Probe Component",
  documents: {
    v2: [
      dialectQuery({
        document: "query ProbeComponent($id: ID!) { component { findOne(id: $id) { id name } } }",
        variables: ({ id }) => ({ id }),
        result: (data: { component: { findOne: Named } }) => data.component.findOne,
      }),
      dialectQuery({
        document: "query ProbeComponent($id: ID!) { components { findOne(id: $id) { id name } } }",
        variables: ({ id }) => ({ id }),
        result: (data: { components: { findOne: Named } }) => data.components.findOne,
      }),
    ],
  },
};

/** Another operation with the same two shapes, to show the schema read once serves every operation of the endpoint. */
const PROBE_PAGE: Operation<{ first: number }, Named[]> = {
  name: "Probe Page",
  documents: {
    v2: [
      dialectQuery({
        document: "query ProbePage($pagination: PaginationInput) { component { findAll(pagination: $pagination) { edges { node { id name } } } } }",
        variables: ({ first }) => ({ pagination: { first } }),
        result: (data: { component: { findAll: { edges: Array<{ node: Named }> } } }) => data.component.findAll.edges.map((edge) => edge.node),
      }),
      dialectQuery({
        document: "query ProbePage($pagination: PaginationInput) { components { get(pagination: $pagination) { connection { edges { node { id name } } } } } }",
        variables: ({ first }) => ({ pagination: { first } }),
        result: (data: { components: { get: { connection: { edges: Array<{ node: Named }> } } } }) => data.components.get.connection.edges.map((edge) => edge.node),
      }),
    ],
  },
};

/** The same two variants, the one the sandbox accepts first. */
const PROBE_COMPONENT_ACCEPTED_FIRST: Operation<{ id: string }, Named> = {
  ...PROBE_COMPONENT,
  documents: { v2: [...(PROBE_COMPONENT.documents.v2 as ReadonlyArray<DialectQuery<{ id: string }, Named>>)].reverse() },
};

const STEPS: Array<[string, Record<string, unknown>]> = [
  ["getComponentById", { componentId: "cmp-00001" }],
  ["listChangeOrders", {}],
  ["createChangeOrder", { name: "Happy path" }],
];

describe("the happy path", () => {
  it.each([
    ["classic", sandboxConnection],
    ["v2", hubConnection],
  ] as const)("%s: each step sends exactly one request and never reads the schema", async (dialect, connectionFor) => {
    const sandbox = await sandboxFor({ dialect });
    for (const [key, params] of STEPS) {
      sandbox.clearRequests();
      await runAction(key, { connection: connectionFor(sandbox), ...params });
      expect(sandbox.requests).toHaveLength(1);
      expect(operationNames(sandbox)).not.toContain(INTROSPECTION);
    }
  });

  it("a newest variant the endpoint accepts is sent alone", async () => {
    const sandbox = await sandboxFor();
    await expect(perform(hubClient(sandbox), PROBE_COMPONENT_ACCEPTED_FIRST, { id: "cmp-00001" })).resolves.toMatchObject({ id: "cmp-00001" });
    expect(operationNames(sandbox)).toEqual(["ProbeComponent"]);
  });
});

describe("after a validation error", () => {
  it("reads the schema once, sends the variant it accepts, and remembers the choice", async () => {
    const sandbox = await sandboxFor();
    const { lines, logger } = recordingLogger();
    await expect(perform(hubClient(sandbox, logger), PROBE_COMPONENT, { id: "cmp-00001" })).resolves.toMatchObject({ id: "cmp-00001" });
    expect(operationNames(sandbox)).toEqual(["ProbeComponent", INTROSPECTION, "ProbeComponent"]);
    expect(sandbox.requests[2].query).toContain("components {");
    // The introspection goes through the same client: the connection's headers, and no secret in the debug log.
    expect(sandbox.requests[1].headers).toMatchObject({ "x-api-key": sandbox.apiKey, "x-organization": SANDBOX_ORGANIZATION.slug });
    expect(lines.join("\n")).toContain("rejected Probe Component as invalid");
    expect(lines.join("\n")).not.toContain(sandbox.apiKey);

    sandbox.clearRequests();
    await perform(hubClient(sandbox), PROBE_COMPONENT, { id: "cmp-00002" });
    expect(operationNames(sandbox)).toEqual(["ProbeComponent"]);
  });

  it("a mutation refused for a variable its schema lacks runs once, without the optional input, with a warning", async () => {
    const sandbox = await sandboxFor({ schemaEdit: (sdl) => sdl.replace(/(input CreateChangeOrderInput \{[^}]*)\n {2}type: ChangeOrderType/, "$1") });
    const { lines, logger } = recordingLogger();
    const created = await runAction("createChangeOrder", { connection: hubConnection(sandbox), name: "Without a type", type: "MCO" }, { logger });
    expect(created?.data).toMatchObject({ name: "Without a type" });
    const mutations = sandbox.requests.filter((request) => request.operationName === "CreateChangeOrder");
    expect(mutations).toHaveLength(2);
    expect(mutations[1].variables).toEqual({ input: { name: "Without a type" } });
    expect(sandbox.data.changeOrders.filter((order) => order.name === "Without a type")).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("warn:"))).toEqual([expect.stringContaining('has no CreateChangeOrderInput.type, so the step\'s "type" input was left out')]);
  });

  it("leaves an optional input out of every element of a list it sits in", async () => {
    const sandbox = await sandboxFor({ schemaEdit: (sdl) => sdl.replace(/(input ComponentFilterInput \{[^}]*)\n {2}cpn: StringFilterInput/, "$1") });
    const byNameOrCpn: Operation<{ name: string; cpn: string }, Named[]> = {
      name: "By Name or CPN",
      documents: {
        v2: dialectQuery({
          document: "query ByNameOrCpn($filter: ComponentFilterInput) { components { get(filter: $filter) { connection { edges { node { id name } } } } } }",
          variables: ({ name, cpn }) => ({ filter: { or: [{ name: { contains: name } }, { cpn: { contains: cpn } }] } }),
          result: (data: { components: { get: { connection: { edges: Array<{ node: Named }> } } } }) => data.components.get.connection.edges.map((edge) => edge.node),
          optionalInputs: { "filter.or.cpn": "cpn" },
        }),
      },
    };
    const { lines, logger } = recordingLogger();
    const found = await perform(hubClient(sandbox, logger), byNameOrCpn, { name: "Resistor", cpn: "100-" });
    expect(found.length).toBeGreaterThan(0);
    expect(sandbox.requests[2].variables).toEqual({ filter: { or: [{ name: { contains: "Resistor" } }, {}] } });
    expect(lines.filter((line) => line.startsWith("warn:"))).toEqual([expect.stringContaining('has no ComponentFilterInput.cpn, so the step\'s "cpn" input was left out')]);
  });

  it("the schema is read once per endpoint: the next operation is sent adapted at once", async () => {
    const sandbox = await sandboxFor();
    await perform(hubClient(sandbox), PROBE_COMPONENT, { id: "cmp-00001" });
    sandbox.clearRequests();
    await expect(perform(hubClient(sandbox), PROBE_PAGE, { first: 2 })).resolves.toHaveLength(2);
    expect(operationNames(sandbox)).toEqual(["ProbePage"]);

    const other = await sandboxFor();
    await perform(hubClient(other), PROBE_PAGE, { first: 2 });
    expect(operationNames(other)).toEqual(["ProbePage", INTROSPECTION, "ProbePage"]);
  });

  it("concurrent steps share one introspection", async () => {
    const sandbox = await sandboxFor();
    await Promise.all([perform(hubClient(sandbox), PROBE_COMPONENT, { id: "cmp-00001" }), perform(hubClient(sandbox), PROBE_PAGE, { first: 1 })]);
    expect(operationNames(sandbox).filter((name) => name === INTROSPECTION)).toHaveLength(1);
    expect(operationNames(sandbox)).toHaveLength(5);
  });

  it("leaves out a pass-through field the endpoint lacks, with a debug note, and keeps the needed ones", async () => {
    const sandbox = await sandboxFor({ schemaEdit: (sdl) => sdl.replace(/(type Component \{[^}]*)\n {2}specs: \[Spec!\]/, "$1") });
    const withSpecs = (passThrough: string[]): Operation<{ id: string }, Named> => ({
      name: "Component With Specs",
      documents: {
        v2: dialectQuery({
          document: "query ComponentWithSpecs($id: ID!) { components { findOne(id: $id) { id name specs { name value } } } }",
          variables: ({ id }) => ({ id }),
          result: (data: { components: { findOne: Named } }) => data.components.findOne,
          passThrough,
        }),
      },
    });
    const { lines, logger } = recordingLogger();
    const component = await perform(hubClient(sandbox, logger), withSpecs(["Component.specs"]), { id: "cmp-00001" });
    expect(component).toEqual({ id: "cmp-00001", name: expect.any(String) });
    expect(sandbox.requests[2].query).not.toContain("specs");
    expect(lines.join("\n")).toContain("left out Component.specs");

    const error = await rejection(perform(hubClient(sandbox), withSpecs([]), { id: "cmp-00001" }));
    expect(error.message).toContain('Cannot query field "specs" on type "Component"');
  });
});

describe("no resend", () => {
  it("after an execution error (a resolver refused the input)", async () => {
    const sandbox = await sandboxFor();
    const error = await rejection(runAction("createChangeOrderTemplate", { connection: hubConnection(sandbox), name: "Bad", configYAML: "stages: [" }));
    expect(error.kind).toBe("invalid-input");
    expect(operationNames(sandbox)).not.toContain(INTROSPECTION);
  });

  it("after an error Duro reports from running the operation", async () => {
    const sandbox = await sandboxFor();
    sandbox.failNext({ type: "graphql", code: "INTERNAL_SERVER_ERROR", message: 'Cannot query field "x" on type "Y".' });
    await rejection(perform(hubClient(sandbox), PROBE_COMPONENT, { id: "cmp-00001" }));
    expect(operationNames(sandbox)).toEqual(["ProbeComponent"]);
  });

  it("when the schema accepts what was sent (refused for another reason, e.g. a cost limit)", async () => {
    const sandbox = await sandboxFor();
    const { lines, logger } = recordingLogger();
    sandbox.failNext({ type: "http", status: 400, body: JSON.stringify({ errors: [{ message: "Query is too complex", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] }) });
    const error = await rejection(perform(hubClient(sandbox, logger), PROBE_COMPONENT_ACCEPTED_FIRST, { id: "cmp-00001" }));
    expect(error.message).toContain("Query is too complex");
    expect(operationNames(sandbox)).toEqual(["ProbeComponent", INTROSPECTION]);
    expect(lines.join("\n")).toContain("accepts Probe Component as sent");
  });
});

describe("when no variant fits", () => {
  const renamed = (sdl: string) => sdl.replace(/\bupdatedAt\b/g, "modifiedAt");

  it("fails before anything runs, naming the field the endpoint lacks and what it offers; later calls send nothing", async () => {
    const sandbox = await sandboxFor({ schemaEdit: renamed });
    const error = await rejection(perform(hubClient(sandbox), CHANGED_COMPONENTS, { since: "2025-01-01T00:00:00.000Z", first: 10 }));
    expect(error.kind).toBe("graphql");
    expect(error.message).toContain('Cannot query field "updatedAt" on type "Component"');
    expect(error.message).toContain("Did you mean");
    expect(error.message).toMatch(/Component has: .*modifiedAt/);
    expect(error.graphqlErrors?.[0]).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED" });
    expect(operationNames(sandbox)).toEqual(["ChangedComponents", INTROSPECTION]);

    sandbox.clearRequests();
    await rejection(perform(hubClient(sandbox), CHANGED_COMPONENTS, { since: "2025-01-01T00:00:00.000Z", first: 10 }));
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe("when introspection is refused", () => {
  it("keeps the connector's documents, surfaces Duro's own error and says so in the debug log; asks only once", async () => {
    const sandbox = await sandboxFor({ introspection: false });
    const { lines, logger } = recordingLogger();
    const error = await rejection(perform(hubClient(sandbox, logger), PROBE_COMPONENT, { id: "cmp-00001" }));
    expect(error.message).toContain('Cannot query field "component" on type "Query"');
    expect(operationNames(sandbox)).toEqual(["ProbeComponent", INTROSPECTION]);
    expect(lines.join("\n")).toContain("introspection refused");
    expect(lines.join("\n")).toContain("Keeping the connector's own document for Probe Component");

    sandbox.clearRequests();
    await rejection(perform(hubClient(sandbox), PROBE_COMPONENT, { id: "cmp-00001" }));
    expect(operationNames(sandbox)).toEqual(["ProbeComponent"]);
  });
});

describe("isValidationFailure", () => {
  const graphqlError = (...graphqlErrors: NonNullable<DuroError["graphqlErrors"]>) => new DuroError("graphql", "Duro returned errors", { graphqlErrors });

  it.each([
    ["a graphql-js validation message without a code", graphqlError({ message: 'Cannot query field "x" on type "Query".' })],
    ["GRAPHQL_VALIDATION_FAILED", graphqlError({ message: "anything", code: "GRAPHQL_VALIDATION_FAILED" })],
    ["Apollo's variable coercion error", graphqlError({ message: 'Variable "$input" got invalid value { type: "ECO" }; Field "type" is not defined by type "CreateChangeOrderInput".', code: "BAD_USER_INPUT" })],
    ["a missing required variable", graphqlError({ message: 'Variable "$id" of required type "ID!" was not provided.' })],
  ])("is true for %s", (_, error) => {
    expect(isValidationFailure(error)).toBe(true);
  });

  it.each([
    ["an execution error with a path", graphqlError({ message: 'Cannot query field "x" on type "Query".', path: ["component"], code: "BAD_USER_INPUT" })],
    ["a resolver's BAD_USER_INPUT", graphqlError({ message: "Name already taken", code: "BAD_USER_INPUT" })],
    ["a validation message with another code", graphqlError({ message: 'Unknown argument "x" on field "Query.y".', code: "INTERNAL_SERVER_ERROR" })],
    ["a mix of validation and execution errors", graphqlError({ message: 'Unknown type "X".' }, { message: "boom", path: ["a"] })],
    ["another kind", new DuroError("auth", 'Cannot query field "x" on type "Query".', { graphqlErrors: [{ message: 'Cannot query field "x" on type "Query".' }] })],
    ["no errors", graphqlError()],
  ])("is false for %s", (_, error) => {
    expect(isValidationFailure(error)).toBe(false);
  });
});
