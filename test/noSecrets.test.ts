// No secret anywhere: every action of the component, with debug on (the step's and the platform's), through every
// error path the sandbox can produce — including servers that echo the secrets back in bodies, messages, paths and
// extensions — must keep the API key (and any secret input, see ACTION_PARAMS' `secrets`) out of every log line,
// every thrown error (message, details, cause) and every returned payload.
import { inspect } from "node:util";
import { Fault, SANDBOX_LIBRARY } from "../fixtures/sandbox";
import { paramsFor } from "./actionParams";
import { freePort } from "./servers";
import { ALL_ACTION_KEYS, DATA_SOURCE_KEYS, describeHub, harness, hubConnection, recordingLogger, runAction, runsOnHubShape, sandboxConnection, useSandbox } from "./support";

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

/**
 * The older Hub shape takes a raw search filter in its own form, and scopes webhooks by library ID (given here: without
 * it the connector first reads the library, a request carrying no secret a server could echo).
 */
/** Everything a run left where someone could read it: its log lines, and its output or error (inspected and as JSON). */
const everythingSeen = (lines: string[], result: { output: unknown } | { error: unknown }): string =>
  [
    ...lines,
    "output" in result ? JSON.stringify(result.output) : "",
    "error" in result ? inspect(result.error, { depth: 10 }) : "",
    "error" in result ? JSON.stringify(result.error) : "",
  ].join("\n");

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
