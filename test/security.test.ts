// Attacks a hostile server, a hostile state or a hostile sender can make, each reproduced over real HTTP on 127.0.0.1
// (scripted servers, the sandbox's faults) or with the state a trigger would be handed: none may leak a secret, loop
// without end, or report something that did not happen.
import { createHmac } from "node:crypto";
import { ServerResponse } from "node:http";
import { ActionContext, TriggerPayload } from "@prismatic-io/spectral";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { DuroError } from "../src/client/errors";
import { collectPages, MAX_PAGES_PER_READ, Page } from "../src/client/pagination";
import { Redactor } from "../src/client/redact";
import { decideRetry, RetryPolicy } from "../src/client/retry";
import { duroApiKey } from "../src/connections/duroApiKey";
import { parseCustomEndpoint, resolveEndpoint } from "../src/connections/endpoint";
import { deliveryPayload, TriggerOutcome } from "../fixtures/flowInstance";
import { SANDBOX_API_KEY } from "../fixtures/sandbox";
import { RECENT_EVENTS_STATE_KEY, webhookStateKey } from "../src/triggers/webhook";
import { classicComponentNode, Script, useScriptedServer } from "./servers";
import { harness, recordingLogger, runAction } from "./support";

const KEY = "Hostile-Server-KEY-0123456789";
const POLICY: RetryPolicy = { maxAttempts: 4, budgetMs: 60_000, baseDelayMs: 100, maxDelayMs: 1_000 };
const RETRY_WAIT = /retrying in (-?\d+) ms/;

type Answer = Exclude<Script, undefined>;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_, response: ServerResponse) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(typeof body === "string" ? body : JSON.stringify(body));
  };

const html =
  (status: number, body: string): Answer =>
  (_, response: ServerResponse) => {
    response.writeHead(status, { "content-type": "text/html" });
    response.end(body);
  };

/** A scripted server's connection: fast retries, unless the test says otherwise. */
const connectionTo = (url: string, fields: Record<string, unknown> = {}) =>
  createConnection(duroApiKey, { apiKey: KEY, customDuroEnvironment: url, retryBaseDelayMs: "1", retryMaxDelayMs: "5", ...fields });

const failureOf = (promise: Promise<unknown>): Promise<DuroError> =>
  promise.then(
    () => {
      throw new Error("expected the step to fail");
    },
    (reason: unknown) => reason as DuroError,
  );

const MAY_HAVE_ACTED = "It was not retried because Duro may have carried it out";

describe("waits are clamped to [0, longest wait]", () => {
  const server = useScriptedServer();

  it.each([-5, -1e9, Number.NEGATIVE_INFINITY, Number.NaN])("decideRetry never waits a negative time (retryAfter %s s)", (seconds) => {
    const decision = decideRetry(POLICY, { error: new DuroError("rate-limited", "slow", { retryAfterSeconds: seconds }), mutation: false, attempt: 1, elapsedMs: 59_999 });
    expect(decision).toMatchObject({ retry: true, waitMs: 0 });
  });

  it.each([
    ["a Retry-After header of -5", json(429, { errors: [{ message: "slow" }] }, { "retry-after": "-5" })],
    ["an extensions.retryAfter of -1e9", json(200, { errors: [{ message: "slow", extensions: { code: "RATE_LIMITED", retryAfter: -1e9 } }] })],
  ])("%s makes a wait of 0 ms, and the error asks for no negative wait", async (_, script) => {
    server().answerWith(script);
    const { lines, logger } = recordingLogger();
    const error = await failureOf(runAction("getCurrentUser", { connection: connectionTo(server().url, { maxAttempts: "2" }) }, { logger }));
    expect(lines.map((line) => RETRY_WAIT.exec(line)?.[1])).toEqual(["0"]);
    expect(error).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 0 });
    expect(error.message).not.toMatch(/-\d/);
  });
});

describe("a mutation and a rate limit", () => {
  const server = useScriptedServer();
  const MUTATION = 'mutation Both { a: createChangeOrder(input: {name: "a"}) { id } b: createChangeOrder(input: {name: "b"}) { id } }';

  it.each([
    ["data for field a", { data: { a: { id: "co-1" }, b: null }, errors: [{ message: "slow", extensions: { code: "RATE_LIMITED" } }] }],
    ["an error at the path of field b", { data: null, errors: [{ message: "slow", path: ["b"], extensions: { code: "RATE_LIMITED" } }] }],
  ])("is not retried when the answer shows it ran (%s), and says Duro may have acted", async (_, body) => {
    server().answerWith(json(200, body));
    const error = await failureOf(runAction("rawRequest", { connection: connectionTo(server().url), query: MUTATION }));
    expect(server().requests).toBe(1);
    expect(error).toMatchObject({ kind: "rate-limited", message: expect.stringContaining(MAY_HAVE_ACTED) });
  });

  it("is retried when nothing in the answer shows it ran", async () => {
    server().answerWith(json(200, { data: null, errors: [{ message: "slow", extensions: { code: "RATE_LIMITED" } }] }));
    await failureOf(runAction("rawRequest", { connection: connectionTo(server().url, { maxAttempts: "3" }), query: MUTATION }));
    expect(server().requests).toBe(3);
  });
});

describe("a mutation that fails in a way Duro may have acted on says so", () => {
  const server = useScriptedServer();
  const MUTATION = 'mutation Create { createChangeOrder(input: {name: "x"}) { id } }';

  it.each([
    ["HTTP 500", json(500, { errors: [{ message: "Internal Server Error" }] })],
    ["a 200 HTML body", html(200, "<html><body>Welcome</body></html>")],
  ])("%s", async (_, script) => {
    server().answerWith(script);
    const error = await failureOf(runAction("rawRequest", { connection: connectionTo(server().url), query: MUTATION }));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining(MAY_HAVE_ACTED) });
    expect(server().requests).toBe(1);
  });

  it("but a read answered HTTP 500 does not", async () => {
    server().answerWith(json(500, { errors: [{ message: "Internal Server Error" }] }));
    const error = await failureOf(runAction("getCurrentUser", { connection: connectionTo(server().url) }));
    expect(error.message).not.toContain(MAY_HAVE_ACTED);
  });
});

describe("the retry budget is per step", () => {
  const server = useScriptedServer();

  it("a Fetch All whose every other request is rate limited stops once the step's retries pass the budget", async () => {
    let served = 0;
    server().answerWith((_, response) => {
      served += 1;
      if (served % 2 === 1) return json(429, { errors: [{ message: "slow" }] }, { "retry-after": "0.3" })(_, response);
      const node = classicComponentNode({ id: `cmp-${served}`, name: `Part ${served}` });
      json(200, { data: { components: { connection: { totalCount: 1_000, edges: [{ cursor: `c${served}`, node }], pageInfo: { hasNextPage: true, endCursor: `c${served}` } } } } })(_, response);
    });
    // Each wait (0.3 s) fits a 1 s budget, so a budget per request would read all 1,000 pages.
    const connection = connectionTo(server().url, { retryBudgetSeconds: "1", retryMaxDelayMs: "1000" });
    const error = await failureOf(runAction("listComponents", { connection, fetchAll: true, maxItems: "1000" }));
    expect(error).toMatchObject({ kind: "rate-limited", message: expect.stringContaining("retry time budget (1 s) is used up") });
    expect(server().requests).toBeLessThanOrEqual(9);
  });
});

describe("a custom URL's plain-http exception is the local host written literally", () => {
  it.each(["http://localhost:4000/graphql", "http://127.0.0.1:4000/graphql", "http://[::1]:4000/graphql", "http://LOCALHOST/graphql"])("allows %s", (url) => {
    expect(() => parseCustomEndpoint(url)).not.toThrow();
  });

  it.each(["http://2130706433/graphql", "http://0x7f000001/graphql", "http://127.1/graphql", "http://0177.0.0.1/graphql", "http://[0:0:0:0:0:0:0:1]/graphql", "http://localhost./graphql"])(
    "refuses %s (the same host in another spelling)",
    (url) => {
      expect(() => parseCustomEndpoint(url)).toThrow(expect.objectContaining({ kind: "invalid-input", input: "customDuroEnvironment" }));
    },
  );

  it("the refusal of plain http names the scheme and host, never the query that may carry a secret", () => {
    expect(() => parseCustomEndpoint("http://duro.example.com/graphql?token=query-secret-0123")).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("query-secret-0123") }),
    );
  });

  it.each(["key", "sig", "auth", "KEY", "access_token"])("refuses a query parameter named %s", (name) => {
    expect(() => parseCustomEndpoint(`https://duro.example.com/graphql?${name}=x`)).toThrow(expect.objectContaining({ kind: "invalid-input", input: "customDuroEnvironment" }));
  });
});

describe("the API key: a minimum length, and redaction of any echo of it", () => {
  const server = useScriptedServer();

  it.each(["Q", "short-key-01234"])("a key of %s's length (under 16) is refused at the connection, without repeating it", (apiKey) => {
    let error: unknown;
    try {
      resolveEndpoint({ apiKey });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({ kind: "invalid-input", input: "apiKey", message: expect.stringContaining("at least 16 characters") });
    expect((error as Error).message).not.toContain(apiKey);
  });

  it("the sandbox's key is long enough", () => {
    expect(resolveEndpoint({ apiKey: SANDBOX_API_KEY }).apiKey).toBe(SANDBOX_API_KEY);
  });

  it.each([
    ["lower-cased", KEY.toLowerCase()],
    ["upper-cased", KEY.toUpperCase()],
    ["cut to its first 12 characters", KEY.slice(0, 12)],
    ["cut to 14 characters from its middle", KEY.slice(6, 20)],
  ])("a key echoed %s by the server is redacted from the error", async (_, echo) => {
    server().answerWith(json(401, { errors: [{ message: `bad key ${echo}!`, path: [echo], extensions: { code: "UNAUTHENTICATED" } }] }));
    const error = await failureOf(runAction("getCurrentUser", { connection: connectionTo(server().url) }));
    expect(error.kind).toBe("auth");
    const shown = JSON.stringify({ message: error.message, graphqlErrors: error.graphqlErrors });
    expect(shown.toLowerCase()).not.toContain(echo.toLowerCase());
    expect(shown).toContain("[REDACTED]");
  });

  it("text shorter than 12 characters of the key stays, so a short echo does not mangle messages", () => {
    expect(new Redactor([KEY]).text(`${KEY.slice(0, 11)} and ${KEY.slice(3, 14)}`)).toBe(`${KEY.slice(0, 11)} and ${KEY.slice(3, 14)}`);
  });

  it("signingSecret is stripped from every output, even when the server sends it unasked", async () => {
    const secret = "echoed-signing-secret-0123456789";
    server().answerWith(json(200, { data: { webhook: { id: "wh-1", signingSecret: secret, logs: [{ id: "l-1", signingSecret: secret }] } } }));
    const result = await runAction("rawRequest", { connection: connectionTo(server().url), query: "{ webhook { id } }" });
    expect(result).toEqual({ data: { webhook: { id: "wh-1", logs: [{ id: "l-1" }] } } });
  });

  it.each(["privateKey", "passwd", "pwd", "credentials", "auth", "basicAuth", "x_auth"])("a variable named %s is redacted in debug logs", async (name) => {
    server().answerWith(json(200, { data: { ok: true } }));
    const { lines, logger } = recordingLogger();
    const value = "variable-secret-value-0123";
    await runAction("rawRequest", { connection: connectionTo(server().url), query: "query Q($v: String) { ok }", variablesObject: JSON.stringify({ [name]: value }), debugRequest: true }, { logger });
    expect(lines.join("\n")).toContain("[REDACTED]");
    expect(lines.join("\n")).not.toContain(value);
  });

  it.each(["author", "authority", "keyword"])("a variable named %s is logged as it is", async (name) => {
    server().answerWith(json(200, { data: { ok: true } }));
    const { lines, logger } = recordingLogger();
    await runAction("rawRequest", { connection: connectionTo(server().url), query: "query Q($v: String) { ok }", variablesObject: JSON.stringify({ [name]: "plain-value" }), debugRequest: true }, { logger });
    expect(lines.join("\n")).toContain("plain-value");
  });
});

/** A classic list page of `count` components after `served` requests, claiming more follow. */
const componentsPage = (served: number, count: number, hasNextPage = true) => ({
  data: {
    components: {
      connection: {
        totalCount: 1_000_000,
        edges: Array.from({ length: count }, (_, index) => ({ cursor: `c${served}-${index}`, node: classicComponentNode({ id: `cmp-${served}-${index}`, name: `Part ${served}-${index}`, created: "2025-01-01T00:00:00.000Z", lastModified: new Date().toISOString() }) })),
        pageInfo: { hasNextPage, endCursor: `c${served}` },
      },
    },
  },
});

describe("endless pages", () => {
  const server = useScriptedServer();
  /** Every page empty, each with a new cursor, each claiming more. */
  const endlessEmptyPages = () => {
    let served = 0;
    server().answerWith((request, response) => {
      served += 1;
      json(200, componentsPage(served, 0))(request, response);
    });
  };

  it.each([
    ["listComponents", { fetchAll: true }],
    ["searchComponents", { name: "x", fetchAll: true }],
  ])("%s: a page with no items that claims more ends the read as a server error after one request", async (action, params) => {
    endlessEmptyPages();
    const error = await failureOf(runAction(action, { connection: connectionTo(server().url), ...params }));
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining("no items but said more follow") });
    expect(server().requests).toBe(1);
  });

  it("the selectComponent picklist too", async () => {
    endlessEmptyPages();
    const error = await failureOf(harness.dataSource("selectComponent", { connection: connectionTo(server().url) }, { logger: recordingLogger().logger }));
    expect(error).toMatchObject({ kind: "server" });
    expect(server().requests).toBe(1);
  });

  it("pollChanges too", async () => {
    endlessEmptyPages();
    const error = await failureOf(harness.trigger("pollChanges", undefined, { connection: connectionTo(server().url), resource: "components" }, { instanceState: {}, logger: recordingLogger().logger } as never));
    expect(error).toMatchObject({ kind: "server" });
    expect(server().requests).toBe(1);
  });

  it(`every paged read stops at ${MAX_PAGES_PER_READ.toLocaleString("en-US")} pages, saying where to continue`, async () => {
    let pages = 0;
    const fetchPage = async (): Promise<Page<number>> => {
      pages += 1;
      return { items: [pages], pageInfo: { hasNextPage: true, endCursor: `c${pages}` } };
    };
    const error = await failureOf(collectPages(fetchPage, { maxItems: 1_000_000, pageSize: 100 }));
    expect(pages).toBe(MAX_PAGES_PER_READ);
    expect(error).toMatchObject({ kind: "server", message: expect.stringContaining(`After Cursor "c${MAX_PAGES_PER_READ}"`) });
  });

  it("Max Items holds when a server answers more than it was asked for, and the list continues without a loss", async () => {
    let served = 0;
    server().answerWith((request, response) => {
      served += 1;
      json(200, componentsPage(served, 40))(request, response);
    });
    const { data } = (await runAction("listComponents", { connection: connectionTo(server().url), fetchAll: true, maxItems: "50" })) as { data: { items: Array<{ id: string }>; truncated: boolean; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    expect(data.items).toHaveLength(50);
    expect(data.truncated).toBe(true);
    // The cut page is read again from its start: its last 30 items were not delivered.
    expect(data.pageInfo).toEqual({ hasNextPage: true, endCursor: "c1" });
  });

  it("a page of 200,000 items does not overflow the stack", async () => {
    const fetchPage = async (): Promise<Page<number>> => ({ items: Array.from({ length: 200_000 }, (_, index) => index), pageInfo: { hasNextPage: false, endCursor: null } });
    const list = await collectPages(fetchPage, { maxItems: 1_000_000, pageSize: 100 });
    expect(list.items).toHaveLength(200_000);
  });
});

describe("deep nesting in JSON inputs", () => {
  const server = useScriptedServer();
  const deep = (levels: number): string => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
  const deepObject = (levels: number): unknown => JSON.parse(deep(levels));

  it.each([
    ["rawRequest", "variablesObject", { query: "query Q { ok }", variablesObject: JSON.stringify({ v: deepObject(3_000) }) }],
    ["rawRequest", "variables", { query: "query Q { ok }", variables: [{ key: "v", value: deepObject(3_000) }] }],
    ["searchComponents", "filter", { filter: deep(3_000) }],
  ])("%s: %s nested 3,000 levels deep is invalid-input naming it, before any request", async (action, input, params) => {
    server().answerWith(json(200, { data: { ok: true } }));
    const error = await failureOf(runAction(action, { connection: connectionTo(server().url, { duroEnvironment: "hub", organization: "@acme" }), ...params }));
    expect(error).toMatchObject({ kind: "invalid-input", input, message: expect.stringContaining("levels deep") });
    expect(server().requests).toBe(0);
  });

  it("a value nested 20 levels deep is fine", async () => {
    server().answerWith(json(200, { data: { ok: true } }));
    await runAction("rawRequest", { connection: connectionTo(server().url), query: "query Q { ok }", variablesObject: JSON.stringify({ v: deepObject(20) }) });
    expect(server().requests).toBe(1);
  });
});

describe("webhook deliveries a hostile sender or a hostile state makes", () => {
  const SECRET = "hostile-test-signing-secret-0123456789";
  const MINUTE = 60_000;
  const FLOW = { id: "flow-1", name: "duro-changes", stableId: "duro-changes" };
  const WEBHOOK_KEY = webhookStateKey(FLOW);
  // The registered webhook lives in cross-flow state under the flow's key; recent event IDs in instance state.
  const registered = (signingSecret: unknown = SECRET) => ({ [WEBHOOK_KEY]: { id: "wh-1", url: "https://example.com", signingSecret } });
  const event = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({ event: "components.updated", eventId: "evt-hostile", sourceId: "s-1", timestamp: new Date().toISOString(), metadata: { componentId: "cmp-1" }, ...overrides });
  const sign = (body: string | Buffer) => createHmac("sha256", SECRET).update(body).digest("hex");
  const signed = (body: string) => deliveryPayload(body, { "x-webhook-signature": sign(body) });
  const receive = async (payload: Partial<TriggerPayload>, state: Record<string, unknown> = registered(), params: Record<string, unknown> = {}) => {
    const { [WEBHOOK_KEY]: webhook, ...instanceState } = state;
    return (await harness.trigger("webhook", payload, { connection: { key: "duroApiKey", fields: {} }, ...params }, {
      logger: recordingLogger().logger,
      flow: FLOW,
      crossFlowState: { [WEBHOOK_KEY]: webhook },
      instanceState,
    } as unknown as Partial<ActionContext>)) as unknown as TriggerOutcome;
  };

  it.each([
    ["older than the duplicate window", -61 * MINUTE, {}],
    ["older than a 5-minute duplicate window", -6 * MINUTE, { duplicateWindowMinutes: "5" }],
    ["more than 5 minutes in the future", 6 * MINUTE, {}],
  ])("a signed delivery whose timestamp is %s (a replay) is rejected", async (_, offset, params) => {
    const outcome = await receive(signed(event({ timestamp: new Date(Date.now() + offset).toISOString() })), registered(), params);
    expect(outcome.branch).toBe("Rejected");
    expect(outcome.response.statusCode).toBe(400);
    expect(outcome.payload.body.data).toEqual({ rejected: true, statusCode: 400, reason: expect.stringMatching(/timestamp/) });
    expect(outcome.instanceState).toBeUndefined();
  });

  it("a signed delivery within the window and a little ahead of this clock is accepted", async () => {
    expect((await receive(signed(event({ timestamp: new Date(Date.now() - 59 * MINUTE).toISOString() })))).branch).toBe("Component");
    expect((await receive(signed(event({ timestamp: new Date(Date.now() + 4 * MINUTE).toISOString() })))).branch).toBe("Component");
  });

  it.each([12345, { secret: SECRET }, ["a"]])("a signingSecret in state that is not text (%j) rejects with 401, never throws", async (secret) => {
    const outcome = await receive(signed(event()), registered(secret));
    expect(outcome.response.statusCode).toBe(401);
    expect(outcome.branch).toBe("Rejected");
  });

  it("a recent-event entry dated in the future does not make its eventId a Duplicate forever", async () => {
    const farFuture = Date.now() + 365 * 24 * 60 * MINUTE;
    const outcome = await receive(signed(event()), { ...registered(), [RECENT_EVENTS_STATE_KEY]: { "evt-hostile": farFuture } });
    expect(outcome.branch).toBe("Component");
    expect(outcome.instanceState?.[RECENT_EVENTS_STATE_KEY]).toEqual({ "evt-hostile": expect.any(Number) });
    expect((outcome.instanceState?.[RECENT_EVENTS_STATE_KEY] as Record<string, number>)["evt-hostile"]).toBeLessThanOrEqual(Date.now());
  });

  it("the Rejected branch carries only the reason, not the unverified body or headers", async () => {
    const body = event({ metadata: { componentId: "cmp-forged", note: "unverified-marker" } });
    const outcome = await receive(deliveryPayload(body, { "x-webhook-signature": "0".repeat(64), "x-forged-header": "unverified-marker" }));
    expect(outcome.branch).toBe("Rejected");
    expect(JSON.stringify(outcome)).not.toContain("unverified-marker");
  });

  describe("a Buffer body is verified over its bytes", () => {
    // 0xff and 0xfe are both invalid UTF-8: decoded, each becomes U+FFFD, so a check over the decoded text cannot tell them apart.
    const template = Buffer.from(event({ sourceId: "@" }), "utf8");
    const bytes = (marker: number): Buffer => Buffer.from(template.map((byte) => (byte === 0x40 ? marker : byte)));
    const asPayload = (body: Buffer, signature: string): Partial<TriggerPayload> => ({ ...deliveryPayload("{}", { "x-webhook-signature": signature }), rawBody: { data: body, contentType: "application/json" } });

    it("bytes signed as sent are accepted", async () => {
      const body = bytes(0xff);
      expect((await receive(asPayload(body, sign(body)))).branch).toBe("Component");
    });

    it("other bytes that decode to the same text are rejected", async () => {
      const [original, forged] = [bytes(0xff), bytes(0xfe)];
      expect(original.toString("utf8")).toBe(forged.toString("utf8"));
      const outcome = await receive(asPayload(forged, sign(original)));
      expect(outcome.response.statusCode).toBe(401);
    });
  });
});

describe("messages quote hostile text safely", () => {
  const server = useScriptedServer();
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;
  const ANSI_RED = "\u001b[31m";

  it.each([
    ["getComponentById", "componentId", { componentId: "bad\nid" }],
    ["listComponents", "libraryType", { libraryType: `${ANSI_RED}GENERAL\r\nX-Injected: yes` }],
    ["createWebhook", "url", { name: "w", url: "not a url\nX-Injected: yes", events: "COMPONENT_CREATED", signingSecret: "0123456789abcdef0123" }],
  ])("%s: an invalid %s with line breaks and ANSI escapes is quoted with them escaped", async (action, input, params) => {
    const error = await failureOf(runAction(action, { connection: connectionTo(server().url, { duroEnvironment: "hub", organization: "@acme" }), ...params }));
    expect(error).toMatchObject({ kind: "invalid-input", input });
    expect(error.message).not.toMatch(CONTROL);
    expect(error.message).toMatch(/\\(n|u001b)/);
  });

  it("a long invalid value is quoted cut, with its length", async () => {
    const error = await failureOf(runAction("listComponents", { connection: connectionTo(server().url), libraryType: "X".repeat(50_000) }));
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain("(50,000 characters)");
  });

  it("server error text is capped and its control characters escaped, however much the server sends", async () => {
    const huge = `${ANSI_RED}${"y".repeat(1_000_000)}`;
    const errors = [{ message: huge, path: [huge], extensions: { code: huge } }, ...Array.from({ length: 999 }, (_, index) => ({ message: `${ANSI_RED}failure ${index}`, path: ["x"] }))];
    server().answerWith(json(200, { errors }));
    const error = await failureOf(runAction("getCurrentUser", { connection: connectionTo(server().url) }));
    expect(error.kind).toBe("graphql");
    expect(error.message).not.toMatch(CONTROL);
    expect(error.message.length).toBeLessThan(3_000);
    expect(error.message).toContain("and 997 more");
    expect(JSON.stringify(error.graphqlErrors).length).toBeLessThan(40_000);
  });

  it("a cursor a server repeats is quoted capped", async () => {
    const cursor = `${ANSI_RED}${"c".repeat(100_000)}`;
    server().answerWith(json(200, { data: { components: { connection: { edges: [{ cursor, node: classicComponentNode({ id: "cmp-1" }) }], pageInfo: { hasNextPage: true, endCursor: cursor } } } } }));
    const error = await failureOf(runAction("listComponents", { connection: connectionTo(server().url), fetchAll: true }));
    expect(error.kind).toBe("server");
    expect(error.message.length).toBeLessThan(1_000);
    expect(error.message).not.toMatch(CONTROL);
  });
});
