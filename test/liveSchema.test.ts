// The live schema decides: the happy path sends nothing extra; a validation error (nothing ran) makes the client read
// the endpoint's schema once, pick the variant it accepts and send again; an execution error is never sent again.
import { DuroSandbox, SANDBOX_ORGANIZATION, SandboxOptions, startSandbox } from "../fixtures/sandbox";
import { DuroClient } from "../src/client/duroClient";
import { DuroError } from "../src/client/errors";
import { isValidationFailure } from "../src/client/liveSchema";
import { CHANGED_COMPONENTS } from "../src/operations/changes";
import { DialectQuery, dialectQuery, noVariables, Operation, perform } from "../src/operations/dialects";
import { hubConnection, recordingLogger, runAction, sandboxConnection, SMALL_SEED } from "./support";

const INTROSPECTION = "IntrospectionQuery";

/** A sandbox for one test (the live schema is cached per endpoint, so each test gets its own), stopped after it. */
const started: DuroSandbox[] = [];
const sandboxFor = async (options: SandboxOptions = {}): Promise<DuroSandbox> => {
  const sandbox = await startSandbox({ dialect: "hub", seed: SMALL_SEED, ...options });
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
  name?: string | null;
}

// The test operations below build on Duro Hub shapes Duro's own code and docs confirm (`library { current }`,
// `organization { findAll }`, `changeOrders { create }`), so they hold for every Duro Hub sandbox variant; their newest
// variants use names no sandbox has, standing in for the next change of Duro's API.

/** The current library with its name, which the document selects only to pass it on (`passThrough`). */
const currentLibraryWithName = (passThrough: string[]): Operation<void, Named> => ({
  name: "Current Library With Name",
  documents: {
    hub: dialectQuery({
      document: "query CurrentLibraryWithName { library { current { id name } } }",
      variables: noVariables,
      result: (data: { library: { current: Named } }) => data.library.current,
      passThrough,
    }),
  },
});

/** Newest first: a `library { active }` the sandbox lacks, then the `library { current }` it has. */
const PROBE_LIBRARY: Operation<void, Named> = {
  name: "Probe Library",
  documents: {
    hub: [
      dialectQuery({
        document: "query ProbeLibrary { library { active { id name } } }",
        variables: noVariables,
        result: (data: { library: { active: Named } }) => data.library.active,
      }),
      dialectQuery({
        document: "query ProbeLibrary { library { current { id name } } }",
        variables: noVariables,
        result: (data: { library: { current: Named } }) => data.library.current,
      }),
    ],
  },
};

/** The same two variants, the one the sandbox accepts first. */
const PROBE_LIBRARY_ACCEPTED_FIRST: Operation<void, Named> = {
  ...PROBE_LIBRARY,
  documents: { hub: [...(PROBE_LIBRARY.documents.hub as ReadonlyArray<DialectQuery<void, Named>>)].reverse() },
};

/** Another operation of the same kind, to show that one schema read serves every operation of the endpoint. */
const PROBE_LIBRARIES: Operation<void, Named[]> = {
  name: "Probe Libraries",
  documents: {
    hub: [
      dialectQuery({
        document: "query ProbeLibraries { organization { list { libraries { id name } } } }",
        variables: noVariables,
        result: (data: { organization: { list: Array<{ libraries: Named[] }> } }) => data.organization.list.flatMap((organization) => organization.libraries),
      }),
      dialectQuery({
        document: "query ProbeLibraries { organization { findAll { libraries { id name } } } }",
        variables: noVariables,
        result: (data: { organization: { findAll: Array<{ libraries: Named[] }> } }) => data.organization.findAll.flatMap((organization) => organization.libraries),
      }),
    ],
  },
};

/** A change order with an optional `priority` input, a field no sandbox's CreateChangeOrderInput has. */
const CREATE_PROBE_ORDER: Operation<{ name: string; priority?: string }, Named> = {
  name: "Create Probe Order",
  documents: {
    hub: dialectQuery({
      document: "mutation CreateProbeOrder($input: CreateChangeOrderInput!) { changeOrders { create(input: $input) { id name } } }",
      variables: ({ name, priority }) => ({ input: { name, priority } }),
      result: (data: { changeOrders: { create: Named } }) => data.changeOrders.create,
      optionalInputs: { "input.priority": "priority" },
    }),
  },
};

const STEPS: Array<[string, Record<string, unknown>]> = [
  ["getComponentById", { componentId: "cmp-00001" }],
  ["listChangeOrders", {}],
  ["createChangeOrder", { name: "Happy path" }],
];

const warnings = (lines: string[]) => lines.filter((line) => line.startsWith("warn:"));

describe("the happy path", () => {
  it.each([
    ["classic", sandboxConnection],
    ["hub", hubConnection],
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
    await expect(perform(hubClient(sandbox), PROBE_LIBRARY_ACCEPTED_FIRST, undefined)).resolves.toMatchObject({ id: expect.any(String) });
    expect(operationNames(sandbox)).toEqual(["ProbeLibrary"]);
  });
});

describe("after a validation error", () => {
  it("reads the schema once, sends the variant it accepts, and remembers the choice", async () => {
    const sandbox = await sandboxFor();
    const { lines, logger } = recordingLogger();
    await expect(perform(hubClient(sandbox, logger), PROBE_LIBRARY, undefined)).resolves.toMatchObject({ id: expect.any(String) });
    expect(operationNames(sandbox)).toEqual(["ProbeLibrary", INTROSPECTION, "ProbeLibrary"]);
    expect(sandbox.requests[2].query).toContain("current");
    // The introspection goes through the same client: the connection's headers, and no secret in the debug log.
    expect(sandbox.requests[1].headers).toMatchObject({ "x-api-key": sandbox.apiKey, "x-organization": SANDBOX_ORGANIZATION.slug });
    expect(lines.join("\n")).toContain("rejected Probe Library as invalid");
    expect(lines.join("\n")).toContain("sending variant 2");
    expect(lines.join("\n")).not.toContain(sandbox.apiKey);

    sandbox.clearRequests();
    await perform(hubClient(sandbox), PROBE_LIBRARY, undefined);
    expect(operationNames(sandbox)).toEqual(["ProbeLibrary"]);
  });

  it("a mutation refused for a variable field its schema lacks runs once, without the optional input, with a warning", async () => {
    const sandbox = await sandboxFor();
    const { lines, logger } = recordingLogger();
    const created = await perform(hubClient(sandbox, logger), CREATE_PROBE_ORDER, { name: "Without a priority", priority: "high" });
    expect(created).toMatchObject({ name: "Without a priority" });
    expect(operationNames(sandbox)).toEqual(["CreateProbeOrder", INTROSPECTION, "CreateProbeOrder"]);
    expect(sandbox.requests[2].variables).toEqual({ input: { name: "Without a priority" } });
    expect(sandbox.data.changeOrders.filter((order) => order.name === "Without a priority")).toHaveLength(1);
    expect(warnings(lines)).toEqual([expect.stringContaining('has no CreateChangeOrderInput.priority, so the step\'s "priority" input was left out')]);

    // Known now: the next one is sent without it at once, and warns again; without the input, nothing to warn about.
    sandbox.clearRequests();
    await perform(hubClient(sandbox, logger), CREATE_PROBE_ORDER, { name: "Again", priority: "low" });
    await perform(hubClient(sandbox, logger), CREATE_PROBE_ORDER, { name: "Plain" });
    expect(operationNames(sandbox)).toEqual(["CreateProbeOrder", "CreateProbeOrder"]);
    expect(warnings(lines)).toHaveLength(2);
  });

  it("leaves an optional input out of every element of a list it sits in", async () => {
    const withPriorities: Operation<{ name: string }, Named> = {
      name: "Create Probe Orders",
      documents: {
        hub: dialectQuery({
          document: "mutation CreateProbeOrders($input: CreateChangeOrderInput!) { changeOrders { create(input: $input) { id name } } }",
          variables: ({ name }) => ({ input: { name, steps: [{ priority: "high" }, { note: "kept" }] } }),
          result: (data: { changeOrders: { create: Named } }) => data.changeOrders.create,
          optionalInputs: { "input.steps.priority": "priority" },
        }),
      },
    };
    const sdl = (text: string) => text.replace(/input CreateChangeOrderInput \{/, "input ProbeStep {\n  note: String\n}\n\ninput CreateChangeOrderInput {\n  steps: [ProbeStep!]");
    const sandbox = await sandboxFor({ schemaEdit: sdl });
    const { lines, logger } = recordingLogger();
    await perform(hubClient(sandbox, logger), withPriorities, { name: "With steps" });
    expect(sandbox.requests[2].variables).toEqual({ input: { name: "With steps", steps: [{}, { note: "kept" }] } });
    expect(warnings(lines)).toEqual([expect.stringContaining("has no ProbeStep.priority")]);
  });

  it("the schema is read once per endpoint: the next operation is sent adapted at once", async () => {
    const sandbox = await sandboxFor();
    await perform(hubClient(sandbox), PROBE_LIBRARY, undefined);
    sandbox.clearRequests();
    await expect(perform(hubClient(sandbox), PROBE_LIBRARIES, undefined)).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]));
    expect(operationNames(sandbox)).toEqual(["ProbeLibraries"]);

    const other = await sandboxFor();
    await perform(hubClient(other), PROBE_LIBRARIES, undefined);
    expect(operationNames(other)).toEqual(["ProbeLibraries", INTROSPECTION, "ProbeLibraries"]);
  });

  it("concurrent steps share one introspection", async () => {
    const sandbox = await sandboxFor();
    await Promise.all([perform(hubClient(sandbox), PROBE_LIBRARY, undefined), perform(hubClient(sandbox), PROBE_LIBRARIES, undefined)]);
    expect(operationNames(sandbox).filter((name) => name === INTROSPECTION)).toHaveLength(1);
    expect(operationNames(sandbox)).toHaveLength(5);
  });

  it("leaves out a pass-through field the endpoint lacks, with a debug note, and keeps the needed ones", async () => {
    const sandbox = await sandboxFor({ schemaEdit: (sdl) => sdl.replace(/(type Library \{[^}]*)\n {2}name: [^\n]*/, "$1") });
    const { lines, logger } = recordingLogger();
    const library = await perform(hubClient(sandbox, logger), currentLibraryWithName(["Library.name"]), undefined);
    expect(library).toEqual({ id: expect.any(String) });
    expect(sandbox.requests[2].query).not.toContain("name");
    expect(lines.join("\n")).toContain("left out Library.name");

    const error = await rejection(perform(hubClient(sandbox), currentLibraryWithName([]), undefined));
    expect(error.message).toContain('Cannot query field "name" on type "Library"');
  });

  it("leaves out a pass-through field the endpoint has in another form (an object where the document reads a scalar)", async () => {
    const sandbox = await sandboxFor({
      schemaEdit: (sdl) => `${sdl.replace(/(type Library \{[^}]*\n {2}name: )[^\n]*/, "$1LibraryName")}\ntype LibraryName {\n  text: String\n}\n`,
    });
    const { lines, logger } = recordingLogger();
    const library = await perform(hubClient(sandbox, logger), currentLibraryWithName(["Library.name"]), undefined);
    expect(library).toEqual({ id: expect.any(String) });
    expect(lines.join("\n")).toContain("left out Library.name");
  });
});

describe("no resend", () => {
  it("after an execution error (a resolver refused the input)", async () => {
    const sandbox = await sandboxFor();
    const error = await rejection(runAction("createChangeOrderTemplate", { connection: hubConnection(sandbox), name: "Bad", configYAML: "stages: [" }));
    expect(error.kind).toBe("invalid-input");
    expect(operationNames(sandbox)).not.toContain(INTROSPECTION);
  });

  it("after an error Duro reports from running the operation, even one worded like a validation error", async () => {
    const sandbox = await sandboxFor();
    sandbox.failNext({ type: "graphql", code: "INTERNAL_SERVER_ERROR", message: 'Cannot query field "x" on type "Y".' });
    await rejection(perform(hubClient(sandbox), PROBE_LIBRARY, undefined));
    expect(operationNames(sandbox)).toEqual(["ProbeLibrary"]);
  });

  it("when the schema accepts what was sent (refused for another reason, e.g. a cost limit)", async () => {
    const sandbox = await sandboxFor();
    const { lines, logger } = recordingLogger();
    sandbox.failNext({ type: "http", status: 400, body: JSON.stringify({ errors: [{ message: "Query is too complex", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] }) });
    const error = await rejection(perform(hubClient(sandbox, logger), PROBE_LIBRARY_ACCEPTED_FIRST, undefined));
    expect(error.message).toContain("Query is too complex");
    expect(operationNames(sandbox)).toEqual(["ProbeLibrary", INTROSPECTION]);
    expect(lines.join("\n")).toContain("accepts Probe Library as sent");
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
    const error = await rejection(perform(hubClient(sandbox, logger), PROBE_LIBRARY, undefined));
    expect(error.message).toContain('Cannot query field "active"');
    expect(operationNames(sandbox)).toEqual(["ProbeLibrary", INTROSPECTION]);
    expect(lines.join("\n")).toContain("introspection refused");
    expect(lines.join("\n")).toContain("Keeping the connector's own document for Probe Library");

    sandbox.clearRequests();
    await rejection(perform(hubClient(sandbox), PROBE_LIBRARY, undefined));
    expect(operationNames(sandbox)).toEqual(["ProbeLibrary"]);
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
