// Every action the component offers (read from the component), each run with its one entry in test/actionParams.ts:
// (a) its example payload has the shape of what it really returns, and so has its output schema where it declares one; (b) hostile input thrown at every input of every
// action, and at the connection, fails with an invalid-input error naming the input, before any request (the
// sandboxes count them): new inputs are covered by kind, and an input key without a kind below fails the suite until
// it is given one; (c) with debug on, through every error path the sandbox can produce — including servers that echo
// the secrets back in bodies, messages, paths and extensions — the API key (and any secret input, see ACTION_PARAMS'
// `secrets`) stays out of every log line, every thrown error (message, details, cause) and every returned payload.
import { inspect } from "node:util";
import { Fault, SANDBOX_LIBRARY } from "../fixtures/sandbox";
import { MAX_CODE_LENGTH, MAX_TEXT_LENGTH } from "../src/inputs/cleaners";
import { inputKeysOf, paramsFor } from "./actionParams";
import { freePort } from "./servers";
import { ALL_ACTION_KEYS, DATA_SOURCE_KEYS, describeHub, harness, hubConnection, recordingLogger, runAction, runsOnHubShape, sandboxConnection, SEED_ACTION_KEYS, shapeDifferences, uncheckedParts, useSandbox, declaredKeys, schemaOf, violations } from "./support";

// (a) Example payloads ------------------------------------------------------------------------------------------------

describe("the shape check for example payloads", () => {
  it("accepts the same structure, with nulls matching any type and arrays compared by their first item", () => {
    expect(shapeDifferences({ a: 1, b: [{ c: "x" }, { d: 1 }], e: null }, { a: 2, b: [{ c: "y" }], e: "text" })).toEqual([]);
  });

  it("reports keys missing on either side and leaves of another type", () => {
    expect(shapeDifferences({ a: 1, extra: true, list: [{ n: "1" }] }, { a: "1", gone: 0, list: [{ n: 1 }] })).toEqual([
      "$.a: the result has number, the example has string",
      "$.extra: in the result, missing from the example",
      "$.gone: in the example, missing from the result",
      "$.list[0].n: the result has string, the example has number",
    ]);
  });

  it("finds where the result leaves an object or a list of the example unchecked", () => {
    expect(uncheckedParts({ a: null, b: [], c: { d: [] }, e: null }, { a: { x: 1 }, b: [1], c: { d: [{ y: 1 }] }, e: "text" })).toEqual(["$.a", "$.b", "$.c.d"]);
  });
});

it("the component still offers the first seven actions, which every build must keep", () => {
  expect(ALL_ACTION_KEYS).toEqual(expect.arrayContaining([...SEED_ACTION_KEYS]));
});

// On the older Hub shape, only the actions whose example is checked on Duro Hub run again (classic has one shape).
describeHub("every action returns what its examplePayload shows", (hubVariant) => {
  const classic = useSandbox();
  const hub = useSandbox({ dialect: "hub", hubVariant });
  const exampleRun = (key: string) => {
    const { dialect, params, example, prepare } = paramsFor(key);
    return { dialect: example?.dialect ?? dialect, params: example?.params ?? params, unfilled: Object.keys(example?.unfilled ?? {}), prepare };
  };
  const keys = ALL_ACTION_KEYS.filter((key) => (hubVariant === "newest" || exampleRun(key).dialect === "hub") && runsOnHubShape(key, hubVariant));

  it.each(keys)("%s", async (key) => {
    const { examplePayload } = harness.component.actions[key];
    expect(examplePayload).toEqual({ data: expect.anything() });
    const { dialect, params, unfilled, prepare } = exampleRun(key);
    const sandbox = dialect === "hub" ? hub() : classic();
    prepare?.(sandbox);
    const result = await runAction(key, { connection: dialect === "hub" ? hubConnection(sandbox) : sandboxConnection(sandbox), ...params });
    expect(shapeDifferences(result, examplePayload)).toEqual([]);
    expect(uncheckedParts(result, examplePayload)).toEqual(unfilled);
    if (harness.component.actions[key].outputSchema) {
      const schema = schemaOf(key);
      expect(declaredKeys(schema).length).toBeGreaterThan(0);
      expect(violations((result as { data: unknown }).data, schema)).toEqual([]);
    }
  });
});

// (b) Hostile input -------------------------------------------------------------------------------------------------

type InputKind = "id" | "optionalId" | "version" | "idList" | "httpsUrl" | "requiredHttpsUrl" | "eventList" | "signingSecret" | "webhookTimeout" | "webhookRetries" | "requiredText" | "optionalText" | "first" | "maxItems" | "boolean" | "choice" | "orderBy" | "graphql" | "variableList" | "jsonObject" | "yaml" | "slug";

// By input key; "action.input" overrides it where one key means something else in one action.
const INPUT_KINDS: Record<string, InputKind> = {
  componentId: "id",
  componentIds: "idList",
  "searchComponents.name": "optionalText",
  cpn: "optionalText",
  status: "optionalText",
  category: "optionalText",
  match: "choice",
  filter: "jsonObject",
  flatten: "boolean",
  isEnabled: "boolean",
  onlyThisInstance: "boolean",
  enabled: "choice",
  webhookId: "id",
  libraryId: "optionalId",
  "createWebhook.url": "requiredHttpsUrl",
  "updateWebhook.url": "httpsUrl",
  "updateWebhook.name": "optionalText",
  events: "eventList",
  addEvents: "eventList",
  removeEvents: "eventList",
  signingSecret: "signingSecret",
  timeoutSeconds: "webhookTimeout",
  maxRetries: "webhookRetries",
  changeOrderId: "id",
  name: "requiredText",
  description: "optionalText",
  after: "optionalText",
  type: "choice",
  libraryType: "choice",
  orderBy: "orderBy",
  first: "first",
  maxItems: "maxItems",
  fetchAll: "boolean",
  debugRequest: "boolean",
  library: "slug",
  query: "graphql",
  variables: "variableList",
  variablesObject: "jsonObject",
  configYAML: "yaml",
  "updateComponent.name": "optionalText",
  categoryId: "optionalId",
  statusId: "optionalId",
  revisionValue: "optionalText",
  eid: "optionalText",
  expectedVersion: "version",
};

const TOO_LONG_TEXT = "x".repeat(MAX_TEXT_LENGTH + 1);
const TOO_LONG_CODE = `# ${"x".repeat(MAX_CODE_LENGTH)}\n{ userById { id } }`;
const LONE_SURROGATE = "Bracket \ud800 supplier";
const NUL = "Bracket\u0000supplier";
const NOT_UTF8_BYTES = Buffer.from([0xc3, 0x28, 0xff]);

const BROKEN_TEXT: Array<[string, unknown]> = [
  ["over the length limit", TOO_LONG_TEXT],
  ["a lone surrogate (not UTF-8)", LONE_SURROGATE],
  ["a NUL character", NUL],
  ["raw non-UTF-8 bytes", NOT_UTF8_BYTES],
];

const HOSTILE_URLS: Array<[string, unknown]> = [
  ["http:// to a remote host", "http://hooks.example.com/duro"],
  ["a file: URL", "file:///etc/passwd"],
  ["a javascript: URL", "javascript:alert(1)"],
  ["not a URL", "hooks dot example"],
  ["a URL with credentials", "https://admin:hunter2@hooks.example.com/duro"],
  ["over the length limit", `https://hooks.example.com/${"x".repeat(MAX_TEXT_LENGTH)}`],
  ...BROKEN_TEXT.slice(1),
];

const HOSTILE: Record<InputKind, Array<[string, unknown]>> = {
  id: [
    ["empty", ""],
    ["whitespace", "  \t "],
    ["a quote", 'cmp-1"'],
    ["a newline", "cmp-1\ncmp-2"],
    ["GraphQL syntax", "cmp-1 } userById { id"],
    ["a variable reference", "$componentId"],
    ["a whole query", "{ __schema { types { name } } }"],
    ["257 characters", "a".repeat(257)],
    ["a number instead of text", 42],
    ...BROKEN_TEXT,
  ],
  optionalId: [
    ["a quote", 'lib-1"'],
    ["a newline", "lib-1\nlib-2"],
    ["GraphQL syntax", "lib-1 } webhooks { id"],
    ["257 characters", "a".repeat(257)],
    ["a number instead of text", 42],
    ...BROKEN_TEXT,
  ],
  httpsUrl: HOSTILE_URLS,
  requiredHttpsUrl: [["empty", ""], ["whitespace", "  "], ...HOSTILE_URLS],
  eventList: [
    ["an unknown event", "COMPONENT_EXPLODED"],
    ["GraphQL syntax", "COMPONENT_CREATED } mutation { x"],
    ["a number", 7],
    ["an object", { event: "COMPONENT_CREATED" }],
    ["a list with a non-event", ["COMPONENT_CREATED", { x: 1 }]],
  ],
  signingSecret: [["15 characters", "fifteen-chars-1"], ["a number", 1234567890123456], ["an object", { secret: "x".repeat(20) }]],
  webhookTimeout: [["4 (below Duro's 5)", "4"], ["301", "301"], ["1.5", "1.5"], ["10abc", "10abc"], ["-30", "-30"]],
  webhookRetries: [["-1", "-1"], ["11 (above Duro's 10)", "11"], ["1.5", "1.5"], ["three", "three"]],
  version: [["-1", "-1"], ["1.5", "1.5"], ["two", "two"], ["beyond a GraphQL Int", "2147483648"]],
  idList: [
    ["empty", ""],
    ["whitespace", " \n\t "],
    ["an empty JSON list", "[]"],
    ["a list holding an object", '[{"id": "cmp-1"}]'],
    ["an ID with a quote", 'cmp-1, cmp-2"'],
    ["GraphQL syntax", "cmp-1 } userById { id"],
    ["truncated JSON", '["cmp-1", "cmp-2"'],
    ["1,001 IDs", Array.from({ length: 1001 }, (_, index) => `cmp-${index}`).join(",")],
    ["an object", { ids: ["cmp-1"] }],
    ...BROKEN_TEXT.slice(1),
  ],
  requiredText: [["empty", ""], ["whitespace", " \n\t "], ["an object", { name: "x" }], ...BROKEN_TEXT],
  optionalText: [["a number instead of text", 12], ...BROKEN_TEXT],
  first: [["0", "0"], ["-1", "-1"], ["1.5", "1.5"], ["101", "101"], ["10abc", "10abc"], ["1e3", "1e3"], ["a huge number", "99999999999999999999999"], ["hex", "0x10"], ["NaN", Number.NaN], ["a typed 1.5", 1.5], ["Infinity", Number.POSITIVE_INFINITY]],
  maxItems: [["0", "0"], ["-1", "-1"], ["1.5", "1.5"], ["10abc", "10abc"], ["above the cap", "1000001"], ["a huge number", "1e400"], ["a typed huge number", Number.MAX_VALUE]],
  boolean: [["maybe", "maybe"], ["2", "2"], ["an object", {}], ["a list", ["true"]]],
  choice: [["an unknown value", "NOT_A_CHOICE"], ["GraphQL syntax", "ECO } mutation {"], ["a number", 7], ...BROKEN_TEXT.slice(1, 3)],
  orderBy: [
    ["not JSON", "name asc"],
    ["an object, not a list", '{"name": "asc"}'],
    ["an unknown direction", '[{"name": "up"}]'],
    ["an unknown field", '[{"__typename": "asc"}]'],
    ["two fields in one item", '[{"name": "asc", "con": "desc"}]'],
    ["truncated JSON", '[{"name": "asc"'],
    ["an escaped lone surrogate", '[{"name": "\\ud800"}]'],
  ],
  graphql: [
    ["unclosed braces", "{ userById { id }"],
    ["not GraphQL at all", "SELECT * FROM components"],
    ["a broken argument list", 'mutation { createChangeOrder(input: {name: "x") { id } }'],
    ["whitespace", "   "],
    ["over the length limit", TOO_LONG_CODE],
    ["a lone surrogate", `{ userById { id } } # ${LONE_SURROGATE}`],
  ],
  variableList: [
    ["text instead of a list", "first=10"],
    ["a null pair", [null]],
    ["a key with $", [{ key: "$first", value: "1" }]],
    ["an empty key", [{ key: "", value: "x" }]],
    ["a key with a space", [{ key: "first page", value: "1" }]],
    ["a value over the length limit", [{ key: "name", value: "x".repeat(MAX_CODE_LENGTH + 1) }]],
  ],
  jsonObject: [
    ["malformed JSON", '{"first": 10,}'],
    ["truncated JSON", '{"first": 1'],
    ["a list", "[1, 2]"],
    ["a string", '"first"'],
    ["null", "null"],
    ["a number", "42"],
    ["an escaped lone surrogate", '{"name": "\\ud800"}'],
    ["over the length limit", `{"name": "${"x".repeat(MAX_CODE_LENGTH)}"}`],
  ],
  yaml: [
    ["empty", ""],
    ["broken YAML", "stages: [open"],
    ["a list, not a mapping", "- version\n- stages\n"],
    ["missing fields", 'version: "1.0"\n'],
    ["over the length limit", `# ${"x".repeat(MAX_CODE_LENGTH)}\nversion: "1.0"\n`],
    ["a NUL character", `version: "1.0"\u0000\n`],
  ],
  slug: [["a space", "@acme/product library"], ["non-ASCII", "@acmé/bibliothèque"], ["a header injection", "@acme/lib\r\nx-api-key: stolen"], ["257 characters", `@${"a".repeat(256)}`], ...BROKEN_TEXT.slice(1)],
};

const kindOf = (action: string, input: string): InputKind | undefined => INPUT_KINDS[`${action}.${input}`] ?? INPUT_KINDS[input];

// On the older Hub shape, only the Duro Hub actions run again (classic has one shape).
describeHub("hostile input at every action", (hubVariant) => {
  const classic = useSandbox();
  const hub = useSandbox({ dialect: "hub", hubVariant });
  const ranHere = (key: string) => hubVariant === "newest" || paramsFor(key).dialect === "hub";
  const sandboxOf = (dialect: string) => (dialect === "hub" ? hub() : classic());
  const connectionOf = (dialect: string) => (dialect === "hub" ? hubConnection(hub()) : sandboxConnection(classic()));

  it("knows a kind of hostile input for every input of every action", () => {
    const unknown = ALL_ACTION_KEYS.flatMap((key) => inputKeysOf(key).filter((input) => !kindOf(key, input)).map((input) => `${key}.${input}`));
    expect(unknown).toEqual([]);
  });

  const cases = ALL_ACTION_KEYS.filter(ranHere).flatMap((key) =>
    inputKeysOf(key).flatMap((input) => {
      const kind = kindOf(key, input);
      return (kind ? HOSTILE[kind] : []).map(([label, value]) => [key, input, label, value] as const);
    }),
  );

  it.each(cases)("%s: %s as %s is invalid-input, nothing sent", async (key, input, _label, value) => {
    const { dialect, params } = paramsFor(key);
    const error = await runAction(key, { connection: connectionOf(dialect), ...params, [input]: value }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toMatchObject({ kind: "invalid-input", input, message: expect.stringContaining(`Invalid input "${input}"`) });
    expect((error as Error).message.length).toBeLessThan(600);
    expect(sandboxOf(dialect).requests).toHaveLength(0);
  });

  it("a Raw Request query that is not valid GraphQL names the line and column of the error, and sends nothing", async () => {
    const query = "query Broken {\n  userById {\n    id\n  }\n  components(libraryType: ) { id }\n}";
    const error = await runAction("rawRequest", { connection: sandboxConnection(classic()), query }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ kind: "invalid-input", input: "query" });
    expect((error as Error).message).toBe('Invalid input "query": is not valid GraphQL at line 5, column 27: Unexpected ")".');
    expect(classic().requests).toHaveLength(0);
  });

  // The older shape has no component mutation (they fail once the schema is known: test/componentMutations.test.ts),
  // and takes a raw search filter in its own form, so the search runs there without one.
  const runsHere = (key: string) => ranHere(key) && runsOnHubShape(key, hubVariant);
  it.each(ALL_ACTION_KEYS.filter(runsHere))("%s runs with its valid params (so the cases above fail for the hostile value alone)", async (key) => {
    const { dialect, params: all, prepare } = paramsFor(key);
    const params = hubVariant === "legacy" ? Object.fromEntries(Object.entries(all).filter(([name]) => name !== "filter")) : all;
    prepare?.(sandboxOf(dialect));
    await expect(runAction(key, { connection: connectionOf(dialect), ...params })).resolves.toMatchObject({ data: expect.anything() });
  });
});

const HOSTILE_CONNECTIONS: Array<[string, Record<string, unknown>, string]> = [
  ["an empty API key", { apiKey: "" }, "apiKey"],
  ["a whitespace API key", { apiKey: "   " }, "apiKey"],
  ["an API key with a line break", { apiKey: "abc123\r\nx-injected: yes" }, "apiKey"],
  ["an API key with a space", { apiKey: "abc 123" }, "apiKey"],
  ["a non-ASCII API key", { apiKey: "clé-secrète-0123" }, "apiKey"],
  ["an unknown environment", { duroEnvironment: "moon" }, "duroEnvironment"],
  ["http:// to a remote host", { customDuroEnvironment: "http://duro.example.com/graphql" }, "customDuroEnvironment"],
  ["a file: URL", { customDuroEnvironment: "file:///etc/passwd" }, "customDuroEnvironment"],
  ["a javascript: URL", { customDuroEnvironment: "javascript:alert(1)" }, "customDuroEnvironment"],
  ["a URL without a host", { customDuroEnvironment: "https://" }, "customDuroEnvironment"],
  ["a relative URL", { customDuroEnvironment: "/graphql" }, "customDuroEnvironment"],
  ["a URL with credentials", { customDuroEnvironment: "https://admin:hunter2@duro.example.com/graphql" }, "customDuroEnvironment"],
  ["a URL with a token in its query", { customDuroEnvironment: "https://duro.example.com/graphql?api_token=abc" }, "customDuroEnvironment"],
  ["a very long non-URL", { customDuroEnvironment: "x".repeat(MAX_TEXT_LENGTH) }, "customDuroEnvironment"],
  ["a library with a line break", { library: "@acme/lib\nx" }, "library"],
  ["an organization with a space", { duroEnvironment: "hub", organization: "acme corp" }, "organization"],
  ["a Duro Hub connection without organization", { duroEnvironment: "hub", organization: "" }, "organization"],
  ["a timeout of 0", { timeoutSeconds: "0" }, "timeoutSeconds"],
  ["max attempts of 1.5", { maxAttempts: "1.5" }, "maxAttempts"],
];

describe("hostile connection fields at every action", () => {
  const sandbox = useSandbox();
  const cases = ALL_ACTION_KEYS.flatMap((key) => HOSTILE_CONNECTIONS.map(([label, fields, input]) => [key, label, fields, input] as const));

  it.each(cases)("%s with %s is invalid-input, nothing sent", async (key, _label, fields, input) => {
    const error = await runAction(key, { connection: sandboxConnection(sandbox(), fields), ...paramsFor(key).params }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toMatchObject({ kind: "invalid-input", input });
    expect(sandbox().requests).toHaveLength(0);
  });

  it("never repeats a refused API key or URL credentials in the message", async () => {
    for (const [fields, secret] of [
      [{ apiKey: "abc123\r\nx-injected: yes" }, "abc123"],
      [{ customDuroEnvironment: "https://admin:hunter2@duro.example.com/graphql" }, "hunter2"],
      [{ customDuroEnvironment: "https://duro.example.com/graphql?api_token=abc-secret" }, "abc-secret"],
    ] as const) {
      await expect(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), fields) })).rejects.toMatchObject({
        message: expect.not.stringContaining(secret),
      });
    }
  });
});

// (c) No secrets ------------------------------------------------------------------------------------------------------

const FAST_RETRIES = { retryBaseDelayMs: "1", retryMaxDelayMs: "2" };
const WRONG_KEY = "wrong-secret-key-0123456789abcdef";

interface ErrorPath {
  what: string;
  /** The faults to queue, given the secrets a server might echo. */
  faults?: (secret: string) => Fault[];
  /** Connection fields that make the path (a wrong key, an unreachable URL). */
  connection?: () => Promise<Record<string, unknown>>;
}

const echoBody = (secret: string) => JSON.stringify({ errors: [{ message: `Rejected key ${secret}`, path: [secret], extensions: { code: "INTERNAL", detail: secret } }] });
const times = (count: number, fault: Fault): Fault[] => Array.from({ length: count }, () => fault);

const ERROR_PATHS: ErrorPath[] = [
  { what: "success" },
  { what: "FORBIDDEN echoing the secret", faults: (secret) => [{ type: "graphql", code: "FORBIDDEN", message: `Key ${secret} lacks permission`, permission: secret }] },
  { what: "RATE_LIMITED on every attempt", faults: (secret) => times(4, { type: "graphql", code: "RATE_LIMITED", message: `Slow down ${secret}`, retryAfter: 1 }) },
  { what: "HTTP 503 echoing the secret, then success", faults: (secret) => [{ type: "http", status: 503, body: echoBody(secret) }] },
  { what: "HTTP 401 echoing the secret", faults: (secret) => [{ type: "http", status: 401, body: echoBody(secret) }] },
  { what: "HTTP 403 echoing the secret", faults: (secret) => [{ type: "http", status: 403, body: echoBody(secret) }] },
  { what: "HTTP 400 for a missing x-library, echoing the secret", faults: (secret) => [{ type: "http", status: 400, body: JSON.stringify({ errors: [{ message: `x-library header missing (key ${secret})` }] }) }] },
  { what: "HTTP 200 GraphQL errors holding the secret in message, path and extensions", faults: (secret) => [{ type: "http", status: 200, body: echoBody(secret) }] },
  { what: "an HTML page holding the secret", faults: (secret) => [{ type: "http", status: 200, contentType: "text/html", body: `<html><body>Invalid token ${secret}</body></html>` }] },
  { what: "truncated JSON holding the secret", faults: (secret) => [{ type: "http", status: 200, body: `{"errors": [{"message": "${secret}` }] },
  { what: "a dropped connection on every attempt", faults: () => times(4, { type: "drop" }) },
  { what: "a connection dropped after the server acted", faults: () => times(4, { type: "drop-after-execute" }) },
  { what: "a refused connection", connection: async () => ({ customDuroEnvironment: `http://127.0.0.1:${await freePort()}/graphql` }) },
  { what: "a wrong API key", connection: async () => ({ apiKey: WRONG_KEY }) },
];

/** Everything a run left where someone could read it: its log lines, and its output or error (inspected and as JSON). */
const everythingSeen = (lines: string[], result: { output: unknown } | { error: unknown }): string =>
  [
    ...lines,
    "output" in result ? JSON.stringify(result.output) : "",
    "error" in result ? inspect(result.error, { depth: 10 }) : "",
    "error" in result ? JSON.stringify(result.error) : "",
  ].join("\n");

/**
 * The older Hub shape takes a raw search filter in its own form, and scopes webhooks by library ID (given here: without
 * it the connector first reads the library, a request carrying no secret a server could echo).
 */
const olderShapeParams = (key: string, params: Record<string, unknown>): Record<string, unknown> => ({
  ...Object.fromEntries(Object.entries(params).filter(([name]) => name !== "filter")),
  ...(key === "createWebhook" || key === "listWebhooks" ? { libraryId: SANDBOX_LIBRARY.id } : {}),
});

// On the older Hub shape, only the Duro Hub actions run again (classic has one shape).
describeHub("no secret in any log line, error or payload", (hubVariant) => {
  const classic = useSandbox();
  const hub = useSandbox({ dialect: "hub", hubVariant });

  // The older shape's refusal of a component mutation logs nothing to check.
  const cases = ALL_ACTION_KEYS.filter((key) => hubVariant === "newest" || (paramsFor(key).dialect === "hub" && runsOnHubShape(key, hubVariant))).flatMap((key) =>
    ERROR_PATHS.map((path) => [key, path.what, path] as const),
  );

  it.each(cases)("%s: %s", async (key, _what, { faults, connection }) => {
    const { dialect, params: given, secrets = [], hidden = [], prepare } = paramsFor(key);
    const params = hubVariant === "newest" ? given : olderShapeParams(key, given);
    const sandbox = dialect === "hub" ? hub() : classic();
    prepare?.(sandbox);
    const fields: Record<string, unknown> = { ...FAST_RETRIES, ...(await connection?.()) };
    const apiKey = typeof fields.apiKey === "string" ? fields.apiKey : sandbox.apiKey;
    const allSecrets = [apiKey, ...secrets];
    // Servers that echo what they got echo every secret at once.
    sandbox.failNext(...(faults?.(allSecrets.join(" ")) ?? []));
    const { lines, logger } = recordingLogger();

    const result = await runAction(
      key,
      { connection: dialect === "hub" ? hubConnection(sandbox, fields) : sandboxConnection(sandbox, fields), ...params, debugRequest: "true" },
      { logger, globalDebug: true },
    ).then(
      (output) => ({ output }),
      (error: unknown) => ({ error }),
    );

    const seen = everythingSeen(lines, result);
    for (const secret of [...allSecrets, ...hidden]) expect(seen).not.toContain(secret);
    // Debug logging was on: the step did log, so the assertions above had something to look at.
    if (!connection) expect(lines.length).toBeGreaterThan(0);
  });
});

// Picklists run through the same client; the config wizard shows their errors to whoever sets up the instance.
const PICKLIST_DIALECTS: Record<(typeof DATA_SOURCE_KEYS)[number], "classic" | "hub"> = {
  selectChangeOrder: "classic",
  selectComponent: "hub",
  selectLibrary: "hub",
  selectUser: "classic",
  selectWebhook: "hub",
};

describe("no secret in any picklist's log line, error or result", () => {
  const classic = useSandbox();
  const hub = useSandbox({ dialect: "hub" });

  const cases = DATA_SOURCE_KEYS.flatMap((key) => ERROR_PATHS.map((path) => [key, path.what, path] as const));

  it.each(cases)("%s: %s", async (key, _what, { faults, connection }) => {
    const dialect = PICKLIST_DIALECTS[key];
    const sandbox = dialect === "hub" ? hub() : classic();
    const fields: Record<string, unknown> = { ...FAST_RETRIES, ...(await connection?.()) };
    const apiKey = typeof fields.apiKey === "string" ? fields.apiKey : sandbox.apiKey;
    sandbox.failNext(...(faults?.(apiKey) ?? []));
    const { lines, logger } = recordingLogger();

    const result = await harness
      .dataSource(key, { connection: dialect === "hub" ? hubConnection(sandbox, fields) : sandboxConnection(sandbox, fields), debugRequest: "true" }, { logger })
      .then(
        (output) => ({ output }),
        (error: unknown) => ({ error }),
      );

    const seen = everythingSeen(lines, result);
    expect(seen).not.toContain(apiKey);
    if (!connection) expect(lines.length).toBeGreaterThan(0);
  });
});
