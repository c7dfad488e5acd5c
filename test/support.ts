// Shared by the test suites: one sandbox per suite over real HTTP, spectral's harness, and a logger that keeps lines.
import { ActionContext } from "@prismatic-io/spectral";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { readdirSync } from "node:fs";
import path from "node:path";
import { parse, validate } from "graphql";
import { DuroSandbox, HUB_SCHEMAS, HUB_VARIANTS, HubVariant, SANDBOX_LIBRARY, SANDBOX_ORGANIZATION, SandboxOptions, startSandbox } from "../fixtures/sandbox";
import { recordingLogger } from "../fixtures/recordingLogger";
import duroComponent from "../src";
import * as actionDefinitions from "../src/actions";
import { DuroClient } from "../src/client/duroClient";
import { DuroError } from "../src/client/errors";
import { readLiveSchema } from "../src/client/liveSchema";
import { duroApiKey } from "../src/connections/duroApiKey";
import { Dialect } from "../src/connections/endpoint";
import { DialectQueries, variantsOf } from "../src/operations/dialects";
import { operationsOf } from "../src/operations/stepOperations";

export { recordingLogger };

export const harness = createHarness(duroComponent);

const OPERATIONS_DIR = path.resolve(__dirname, "../src/operations");

/** The TypeScript files in a folder and its subfolders. */
const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [file] : [];
  });

/**
 * [module, exports] for every module under src/operations, subfolders included, named as it is imported
 * ("components" for components/index.ts, "components.hub" for components/hub.ts): suites that find operations
 * there cover a new one without being edited.
 */
export const operationModules = (): Array<[string, Record<string, unknown>]> =>
  sourceFiles(OPERATIONS_DIR)
    .map((file): [string, string] => [path.relative(OPERATIONS_DIR, file).replace(/(\/index)?\.ts$/, "").split(path.sep).join("."), file])
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, file]) => [name, jest.requireActual<Record<string, unknown>>(file)]);

/** The first seven action keys, which every build must keep offering (a contract, so written out here). */
export const SEED_ACTION_KEYS = [
  "createChangeOrder",
  "getComponentById",
  "getCurrentUser",
  "listChangeOrders",
  "listCompanyUsers",
  "listComponents",
  "rawRequest",
] as const;

/** Every action the component offers: the suites iterate these, read from the component itself. */
export const ALL_ACTION_KEYS: readonly string[] = Object.keys(duroComponent.actions).sort();

const declaredOperations = (key: string) => operationsOf(key, (actionDefinitions as Record<string, object>)[key]);

/**
 * Whether an action runs on a dialect: every operation it declares has a document for it (an action that declares
 * none, such as rawRequest, sends only what it is given and runs on both).
 */
export const runsOnDialect = (key: string, dialect: Dialect): boolean => declaredOperations(key).every((operation) => operation.documents[dialect] !== undefined);

/** The actions only Duro Hub offers. */
export const HUB_ACTION_KEYS = ALL_ACTION_KEYS.filter((key) => !runsOnDialect(key, "classic"));

/** The actions only the classic dialect offers. */
export const CLASSIC_ACTION_KEYS = ALL_ACTION_KEYS.filter((key) => !runsOnDialect(key, "hub"));

const validOnOlderHubShape = (document: string): boolean => validate(HUB_SCHEMAS.legacy, parse(document)).length === 0;

/**
 * The Duro Hub actions Duro documents only in its newest shape: one of their operations has no document variant valid
 * against the older shape's schema, so on that shape they fail before anything runs.
 */
export const NEWEST_HUB_ONLY_ACTION_KEYS = ALL_ACTION_KEYS.filter(
  (key) =>
    runsOnDialect(key, "hub") &&
    declaredOperations(key).some((operation) => !variantsOf(operation.documents.hub as DialectQueries<never, unknown>).some((variant) => validOnOlderHubShape(variant.document))),
);

/** Whether an action runs on a Duro Hub sandbox of this shape. */
export const runsOnHubShape = (key: string, hubVariant: HubVariant | undefined): boolean => hubVariant !== "legacy" || !NEWEST_HUB_ONLY_ACTION_KEYS.includes(key);

/** The picklists (data sources), tested in picklists.test.ts. */
export const DATA_SOURCE_KEYS = ["selectChangeOrder", "selectComponent", "selectLibrary", "selectUser", "selectWebhook"] as const;

/** The seed the older suites' expectations were written against: every change order fits on one page. */
export const SMALL_SEED = { components: 60, changeOrders: 12 } as const;

/** A step's failure as the connector throws it: a DuroError, or (caused by the connection) spectral's ConnectionError with the same kind. */
export { isDuroFailure } from "../src/client/connectionError";

/**
 * Starts a sandbox before the suite, stops it after, and forgets its recorded requests and unused faults before each
 * test. A Duro Hub sandbox of the older shape has its schema read once first, through the connector's own live-schema
 * path, as the first step against such an endpoint would: the suite's request counts are then those of an adapted
 * connector (test/hubVariants.test.ts counts the adaptation itself).
 */
export const useSandbox = (options?: SandboxOptions): (() => DuroSandbox) => {
  let sandbox: DuroSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(options);
    if (sandbox.dialect === "hub" && sandbox.hubVariant !== "newest") {
      await readLiveSchema(new DuroClient(hubConnection(sandbox).fields as ConstructorParameters<typeof DuroClient>[0], { logger: recordingLogger().logger, debug: false }));
    }
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  beforeEach(() => {
    sandbox?.clearRequests();
    sandbox?.clearFaults();
  });
  return () => {
    if (!sandbox) throw new Error("The sandbox is not started: call useSandbox() at the top of the describe block.");
    return sandbox;
  };
};

/**
 * Runs a Duro Hub suite once per shape of Duro Hub the connector carries (HUB_VARIANTS: newest, legacy), each against
 * a sandbox of that shape through the actions, so the connector's adaptive path is what is tested.
 */
export const describeHub = (title: string, suite: (hubVariant: HubVariant) => void): void =>
  describe.each(HUB_VARIANTS)(`${title} (Duro Hub, %s shape)`, suite);

export const sandboxConnection = (sandbox: DuroSandbox, fields: Record<string, unknown> = {}) =>
  createConnection(duroApiKey, { apiKey: sandbox.apiKey, duroEnvironment: "mfg", customDuroEnvironment: sandbox.url, ...fields });

/** A Duro Hub connection to a hub-dialect sandbox, with the organization and the key's library filled in. */
export const hubConnection = (sandbox: DuroSandbox, fields: Record<string, unknown> = {}) =>
  sandboxConnection(sandbox, { duroEnvironment: "hub", organization: SANDBOX_ORGANIZATION.slug, library: SANDBOX_LIBRARY.slug, ...fields });

/** One kind of endpoint a two-dialect suite runs against. */
export interface EndpointCase {
  name: string;
  dialect: "classic" | "hub";
  hubVariant?: HubVariant;
  connectionFor: typeof sandboxConnection;
}

/** Classic, and Duro Hub in every shape the connector carries: `describe.each(ENDPOINT_CASES)("… $name …", …)`. */
export const ENDPOINT_CASES: readonly EndpointCase[] = [
  { name: "classic", dialect: "classic", connectionFor: sandboxConnection },
  ...HUB_VARIANTS.map((hubVariant): EndpointCase => ({ name: `hub (${hubVariant} shape)`, dialect: "hub", hubVariant, connectionFor: hubConnection })),
];

export interface RunOptions {
  logger?: ReturnType<typeof recordingLogger>["logger"];
  /** The platform's debug mode (`context.debug.enabled`). */
  globalDebug?: boolean;
  /** Another build of the component, e.g. the webpack bundle. */
  component?: typeof duroComponent;
}

/** Runs an action by key through spectral's harness (clean, defaults and error hook applied), as the platform does. */
export const runAction = async (key: string, params: Record<string, unknown>, { logger, globalDebug, component }: RunOptions = {}) => {
  const context = {
    logger: logger ?? recordingLogger().logger,
    ...(globalDebug ? { globalDebug: true } : {}),
  } as unknown as Partial<ActionContext>;
  const runner = component ? createHarness(component) : harness;
  return runner.action(key, params, context);
};

/**
 * Runs actions on one sandbox with its connection filled in: `run` returns the step's result, `data` its `data`, and
 * `failure` the DuroError it failed with (a run that succeeds fails the test).
 */
export const actionsOn = (sandbox: () => DuroSandbox, connectionFor: typeof sandboxConnection = sandboxConnection) => {
  const run = (key: string, params: Record<string, unknown> = {}, options?: RunOptions) => runAction(key, { connection: connectionFor(sandbox()), ...params }, options);
  const data = async <TData = unknown>(key: string, params: Record<string, unknown> = {}, options?: RunOptions): Promise<TData> =>
    ((await run(key, params, options)) as { data: TData }).data;
  const failure = (key: string, params: Record<string, unknown> = {}): Promise<DuroError> => failureOf(run(key, params));
  return { run, data, failure };
};

/** An action's input by key, as the component declares it. */
export const inputOf = (actionKey: string, inputKey: string) => {
  const found = harness.component.actions[actionKey].inputs.find((input) => input.key === inputKey);
  if (!found) throw new Error(`The action "${actionKey}" has no input "${inputKey}".`);
  return found;
};

type JsonType = "null" | "array" | "object" | "string" | "number" | "boolean" | "other";
const jsonType = (value: unknown): JsonType => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  return type === "object" || type === "string" || type === "number" || type === "boolean" ? type : "other";
};

/**
 * Where `actual` and `example` differ in structure: the same object keys at every level (both directions), arrays
 * compared by their first elements, leaves by JSON type. A null on either side matches anything (Duro fields are
 * nullable); an empty array on either side has no element to compare.
 */
export const shapeDifferences = (actual: unknown, example: unknown, path = "$"): string[] => {
  const [actualType, exampleType] = [jsonType(actual), jsonType(example)];
  if (actualType === "null" || exampleType === "null") return [];
  if (actualType !== exampleType) return [`${path}: the result has ${actualType}, the example has ${exampleType}`];
  if (actualType === "array") {
    const [actualFirst, exampleFirst] = [(actual as unknown[])[0], (example as unknown[])[0]];
    const bothHaveItems = (actual as unknown[]).length > 0 && (example as unknown[]).length > 0;
    return bothHaveItems ? shapeDifferences(actualFirst, exampleFirst, `${path}[0]`) : [];
  }
  if (actualType !== "object") return [];
  const actualObject = actual as Record<string, unknown>;
  const exampleObject = example as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(actualObject), ...Object.keys(exampleObject)])].sort();
  return keys.flatMap((key) => {
    if (!(key in exampleObject)) return [`${path}.${key}: in the result, missing from the example`];
    if (!(key in actualObject)) return [`${path}.${key}: in the example, missing from the result`];
    return shapeDifferences(actualObject[key], exampleObject[key], `${path}.${key}`);
  });
};

/**
 * Where the example shows an object or a list with items and the result has null or an empty list: there
 * shapeDifferences compared nothing, so the action's params must make the result fill it (see ActionParams' `example`).
 */
export const uncheckedParts = (actual: unknown, example: unknown, path = "$"): string[] => {
  if (example === null || typeof example !== "object") return [];
  if (Array.isArray(example)) {
    if (example.length === 0) return [];
    return Array.isArray(actual) && actual.length > 0 ? uncheckedParts(actual[0], example[0], `${path}[0]`) : [path];
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return [path];
  return Object.entries(example).flatMap(([key, value]) => (key in actual ? uncheckedParts((actual as Record<string, unknown>)[key], value, `${path}.${key}`) : []));
};

/** The DuroError a step failed with (a step that succeeds, or fails otherwise, fails the test). */
export const failureOf = async (run: Promise<unknown>): Promise<DuroError> => {
  const error: unknown = await run.then(
    () => new Error("Expected the action to fail"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DuroError);
  return error as DuroError;
};

// Output schemas: the parts of JSON Schema they use, checked against real output (every-action suite, metadata).

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

const typeOf = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
};

/** Where `value` breaks `schema` (the parts of JSON Schema the output schemas use: type, properties, required, items). */
export const violations = (value: unknown, schema: JsonSchema, path = "data"): string[] => {
  const allowed = schema.type === undefined ? undefined : [schema.type].flat();
  const actual = typeOf(value);
  if (allowed && !allowed.includes(actual) && !(actual === "integer" && allowed.includes("number"))) return [`${path}: ${actual}, the schema says ${allowed.join(" | ")}`];
  if (actual === "object") {
    const record = value as Record<string, unknown>;
    const missing = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key}: required, missing`);
    const wrong = Object.entries(schema.properties ?? {}).flatMap(([key, property]) => (key in record ? violations(record[key], property, `${path}.${key}`) : []));
    return [...missing, ...wrong];
  }
  if (actual === "array" && schema.items) return (value as unknown[]).flatMap((item, index) => violations(item, schema.items as JsonSchema, `${path}[${index}]`));
  return [];
};

/** The keys a schema declares at the top of its data, so a schema that describes nothing cannot pass. */
export const declaredKeys = (schema: JsonSchema): string[] => Object.keys(schema.properties ?? {});

export const schemaOf = (key: string): JsonSchema => {
  const declared = harness.component.actions[key].outputSchema as { type: string; schema: string } | undefined;
  if (!declared) throw new Error(`${key} has no outputSchema`);
  if (declared.type !== "actionOutput") throw new Error(`${key}'s outputSchema is of type ${declared.type}, not actionOutput`);
  return JSON.parse(declared.schema) as JsonSchema;
};
