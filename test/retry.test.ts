// The retry policy: the decision itself (pure, with fast-check over its inputs), then retries as a flow sees them,
// through actions run by spectral's harness against the sandbox over HTTP, with waits of a few milliseconds.
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import fc from "fast-check";
import { DuroClient } from "../src/client/duroClient";
import { DuroError, DuroErrorKind } from "../src/client/errors";
import { documentFacts } from "../src/client/documentFacts";
import { decideRetry, DEFAULT_RETRY_POLICY, RetryPolicy } from "../src/client/retry";
import { duroApiKey } from "../src/connections/duroApiKey";
import { resolveRequestPolicy } from "../src/connections/reliability";
import { freePort, useScriptedServer } from "./servers";
import { recordingLogger, runAction, sandboxConnection, useSandbox } from "./support";

const POLICY: RetryPolicy = { maxAttempts: 4, budgetMs: 60_000, baseDelayMs: 100, maxDelayMs: 1_000 };
const error = (kind: DuroErrorKind, details: ConstructorParameters<typeof DuroError>[2] = {}) => new DuroError(kind, `a ${kind} failure`, details);
const first = { attempt: 1, elapsedMs: 0 };

describe("decideRetry", () => {
  it.each([
    ["a rate limit (RATE_LIMITED)", error("rate-limited", { status: 200 })],
    ["HTTP 429", error("rate-limited", { status: 429 })],
    ["a refused connection", error("network", { networkCode: "ECONNREFUSED" })],
  ])("retries %s on queries and on mutations: Duro did not act", (_, failure) => {
    expect(decideRetry(POLICY, { error: failure, mutation: false, ...first })).toMatchObject({ retry: true });
    expect(decideRetry(POLICY, { error: failure, mutation: true, ...first })).toMatchObject({ retry: true });
  });

  it.each([
    ["HTTP 502", error("server", { status: 502 })],
    ["HTTP 503", error("server", { status: 503 })],
    ["HTTP 504", error("server", { status: 504 })],
    ["a reset connection", error("network", { networkCode: "ECONNRESET" })],
    ["a connection closed by the other side", error("network", { networkCode: "UND_ERR_SOCKET" })],
    ["a timeout", error("timeout")],
  ])("retries %s on queries only: a mutation may have reached Duro", (_, failure) => {
    expect(decideRetry(POLICY, { error: failure, mutation: false, ...first })).toMatchObject({ retry: true });
    expect(decideRetry(POLICY, { error: failure, mutation: true, ...first })).toEqual({
      retry: false,
      reason: expect.stringContaining("Duro may have acted on it"),
      mayHaveActed: true,
    });
  });

  it.each([
    ["auth", error("auth", { status: 401 })],
    ["forbidden", error("forbidden", { status: 403 })],
    ["missing-context", error("missing-context", { status: 400 })],
    ["not-found", error("not-found")],
    ["graphql", error("graphql", { status: 400 })],
    ["invalid-input", error("invalid-input")],
    ["HTTP 500", error("server", { status: 500 })],
    ["a body that is not GraphQL JSON (HTTP 200)", error("server", { status: 200 })],
    ["an unknown host", error("network", { networkCode: "ENOTFOUND" })],
  ])("does not retry %s", (_, failure) => {
    expect(decideRetry(POLICY, { error: failure, mutation: false, ...first })).toMatchObject({ retry: false, mayHaveActed: false });
  });

  it("waits a random time below a ceiling that doubles per attempt, never above the longest wait (full jitter)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, draw) => {
        const policy = { ...POLICY, maxAttempts: 100, budgetMs: Number.MAX_SAFE_INTEGER };
        const decision = decideRetry(policy, { error: error("timeout"), mutation: false, attempt, elapsedMs: 0 }, () => draw);
        const ceiling = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** (attempt - 1));
        expect(decision).toEqual({ retry: true, waitMs: Math.round(draw * ceiling), reason: "timeout" });
      }),
    );
  });

  it("honours Duro's retryAfter, capped at the longest wait", () => {
    const asked = (seconds: number) => error("rate-limited", { retryAfterSeconds: seconds });
    expect(decideRetry(POLICY, { error: asked(0.25), mutation: false, ...first }, () => 0)).toMatchObject({ retry: true, waitMs: 250 });
    expect(decideRetry(POLICY, { error: asked(60), mutation: true, ...first }, () => 0)).toMatchObject({ retry: true, waitMs: POLICY.maxDelayMs });
  });

  it("stops at the last attempt", () => {
    expect(decideRetry(POLICY, { error: error("timeout"), mutation: false, attempt: 3, elapsedMs: 0 })).toMatchObject({ retry: true });
    expect(decideRetry(POLICY, { error: error("timeout"), mutation: false, attempt: 4, elapsedMs: 0 })).toEqual({
      retry: false,
      reason: "timeout, and all 4 attempts are used",
      mayHaveActed: false,
    });
  });

  it("does not start a wait that would pass the time budget", () => {
    const failure = error("rate-limited", { retryAfterSeconds: 1 });
    expect(decideRetry(POLICY, { error: failure, mutation: false, attempt: 1, elapsedMs: 59_000 })).toMatchObject({ retry: true, waitMs: 1_000 });
    expect(decideRetry(POLICY, { error: failure, mutation: false, attempt: 1, elapsedMs: 59_001 })).toMatchObject({
      retry: false,
      reason: expect.stringContaining("retry budget"),
    });
  });

  it("retries nothing once the budget is spent, even a wait of 0 ms (so a budget of 0 turns retrying off)", () => {
    const failure = error("server", { status: 503 });
    const noWait = () => 0;
    expect(decideRetry({ ...POLICY, budgetMs: 0 }, { error: failure, mutation: false, attempt: 1, elapsedMs: 0 }, noWait)).toMatchObject({
      retry: false,
      budgetSpent: true,
      reason: expect.stringContaining("the 0 ms retry budget is spent"),
    });
    expect(decideRetry(POLICY, { error: failure, mutation: false, attempt: 1, elapsedMs: 60_000 }, noWait)).toMatchObject({ retry: false, budgetSpent: true });
    expect(decideRetry(POLICY, { error: failure, mutation: false, attempt: 1, elapsedMs: 59_999 }, noWait)).toMatchObject({ retry: true, waitMs: 0 });
  });
});

describe("documentFacts(...).mutation", () => {
  it.each([
    ["query Q { userById { id } }", false],
    ["{ userById { id } }", false],
    ["mutation M { createChangeOrder(input: {name: \"x\"}) { id } }", true],
    ["query A { userById { id } } mutation B { createChangeOrder(input: {name: \"x\"}) { id } }", true],
    ["this is not GraphQL {", true],
  ])("%s → %s (a document it cannot read counts as a mutation)", (document, mutation) => {
    expect(documentFacts(document).mutation).toBe(mutation);
    expect(documentFacts(document).mutation).toBe(mutation);
  });
});

describe("the connection's timeout and retry fields", () => {
  it("default to the documented values", () => {
    expect(resolveRequestPolicy({})).toEqual({ timeoutMs: 30_000, maxResponseBytes: 50 * 1_048_576, retry: DEFAULT_RETRY_POLICY });
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 4, budgetMs: 90_000, baseDelayMs: 500, maxDelayMs: 30_000 });
    expect(resolveRequestPolicy({ timeoutSeconds: "", maxAttempts: null })).toEqual(resolveRequestPolicy({}));
  });

  it("take the platform's strings", () => {
    const fields = { timeoutSeconds: "5", maxAttempts: "2", retryBudgetSeconds: "10", retryBaseDelayMs: "50", retryMaxDelayMs: "400", maxResponseMegabytes: "8" };
    expect(resolveRequestPolicy(fields)).toEqual({
      timeoutMs: 5_000,
      maxResponseBytes: 8 * 1_048_576,
      retry: { maxAttempts: 2, budgetMs: 10_000, baseDelayMs: 50, maxDelayMs: 400 },
    });
  });
});

// Waits of a few milliseconds, so retries cost no real time.
const FAST = { retryBaseDelayMs: "2", retryMaxDelayMs: "5" };
const RETRY_LINE = /^warn: Duro (?:query|mutation) \w+: (.+) on attempt (\d) of (\d+); retrying in (\d+) ms\.$/;
const retryLines = (lines: string[]) => lines.filter((line) => RETRY_LINE.test(line));

describe("retries through actions", () => {
  const sandbox = useSandbox();

  it.each([
    ["timeoutSeconds", "0"],
    ["timeoutSeconds", "301"],
    ["maxAttempts", "0"],
    ["maxAttempts", "11"],
    ["maxAttempts", "2.5"],
    ["retryBudgetSeconds", "-1"],
    ["retryBaseDelayMs", "fast"],
    ["retryMaxDelayMs", "1e9"],
    ["maxResponseMegabytes", "0"],
    ["maxResponseMegabytes", "1025"],
  ])("a connection with %s = %s fails before any request, naming the field", async (field, value) => {
    await expect(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), { [field]: value }) })).rejects.toMatchObject({
      kind: "invalid-input",
      input: field,
      message: expect.stringContaining(`Invalid input "${field}"`),
    });
    expect(sandbox().requests).toHaveLength(0);
  });

  it("a read after HTTP 503 is retried and succeeds; the retry is logged with reason and wait, without the key", async () => {
    sandbox().failNext({ type: "http", status: 503 });
    const { lines, logger } = recordingLogger();
    const result = await runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), FAST) }, { logger });
    expect(result).toMatchObject({ data: { id: sandbox().data.users[0].id } });
    expect(sandbox().requests).toHaveLength(2);
    expect(lines).toEqual([expect.stringMatching(/^warn: Duro query GetCurrentUser: HTTP 503 on attempt 1 of 4; retrying in [0-2] ms\.$/)]);
    expect(lines.join("\n")).not.toContain(sandbox().apiKey);
  });

  it("RATE_LIMITED with retryAfter 60 waits the longest wait the connection allows, then succeeds", async () => {
    sandbox().failNext({ type: "graphql", code: "RATE_LIMITED", message: "Rate limit exceeded", retryAfter: 60 });
    const { lines, logger } = recordingLogger();
    await runAction("listComponents", { connection: sandboxConnection(sandbox(), FAST) }, { logger });
    expect(lines).toEqual(["warn: Duro query ListComponents: RATE_LIMITED on attempt 1 of 4; retrying in 5 ms."]);
  });

  it("HTTP 429 with Retry-After is retried, even for a mutation, and creates the change order once", async () => {
    const before = sandbox().data.changeOrders.length;
    sandbox().failNext({ type: "http", status: 429, headers: { "Retry-After": "2" } });
    const { lines, logger } = recordingLogger();
    await runAction("createChangeOrder", { connection: sandboxConnection(sandbox(), FAST), name: "After a rate limit" }, { logger });
    expect(lines).toEqual(["warn: Duro mutation CreateChangeOrder: HTTP 429 (rate limited) on attempt 1 of 4; retrying in 5 ms."]);
    expect(sandbox().data.changeOrders.slice(before).map((changeOrder) => changeOrder.name)).toEqual(["After a rate limit"]);
  });

  it.each([
    ["HTTP 503", { type: "http", status: 503 } as const, 0],
    ["a dropped connection", { type: "drop" } as const, 0],
    ["a connection dropped after Duro acted", { type: "drop-after-execute" } as const, 1],
  ])("a mutation after %s is not retried, and the error says to check Duro first", async (_, fault, created) => {
    const before = sandbox().data.changeOrders.length;
    sandbox().failNext(fault);
    const { lines, logger } = recordingLogger();
    const failure = runAction("createChangeOrder", { connection: sandboxConnection(sandbox(), FAST), name: "Maybe created" }, { logger });
    await expect(failure).rejects.toMatchObject({
      message: expect.stringContaining("It was not retried because Duro may have carried it out: check in Duro before running the step again"),
    });
    expect(sandbox().requests).toHaveLength(1);
    expect(retryLines(lines)).toEqual([]);
    expect(sandbox().data.changeOrders.length - before).toBe(created);
  });

  it("gives up after Max Attempts, saying how many attempts it made", async () => {
    sandbox().failNext({ type: "http", status: 503 }, { type: "http", status: 502 }, { type: "http", status: 504 });
    const { lines, logger } = recordingLogger();
    const failure = runAction("listChangeOrders", { connection: sandboxConnection(sandbox(), { ...FAST, maxAttempts: "3" }) }, { logger });
    await expect(failure).rejects.toMatchObject({ kind: "server", status: 504, attempts: 3, message: expect.stringMatching(/Tried 3 times over \d+\.\d s\.$/) });
    expect(sandbox().requests).toHaveLength(3);
    expect(retryLines(lines).map((line) => RETRY_LINE.exec(line)?.slice(1, 4))).toEqual([
      ["HTTP 503", "1", "3"],
      ["HTTP 502", "2", "3"],
    ]);
  });

  it("does not retry what retrying cannot fix (a wrong key)", async () => {
    const { lines, logger } = recordingLogger();
    await expect(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), { ...FAST, apiKey: "wrong-key-0123456789" }) }, { logger })).rejects.toMatchObject({
      kind: "auth",
    });
    expect(sandbox().requests).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it("a retry budget of 0 s turns retrying off", async () => {
    sandbox().failNext({ type: "http", status: 503 });
    await expect(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), { retryMaxDelayMs: "5", retryBaseDelayMs: "5", retryBudgetSeconds: "0" }) })).rejects.toMatchObject({
      kind: "server",
    });
    expect(sandbox().requests).toHaveLength(1);
  });

  it("a refused connection is retried even for a mutation (nothing reached Duro), then fails as network", async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    const { lines, logger } = recordingLogger();
    const connection = sandboxConnection(sandbox(), { ...FAST, customDuroEnvironment: url, maxAttempts: "3" });
    await expect(runAction("createChangeOrder", { connection, name: "Nowhere" }, { logger })).rejects.toMatchObject({
      kind: "network",
      networkCode: "ECONNREFUSED",
      message: expect.stringContaining("Tried 3 times"),
    });
    expect(retryLines(lines)).toHaveLength(2);
    expect(lines.join("\n")).toContain("connection ECONNREFUSED on attempt 1 of 3");
  });
});

describe("timeouts", () => {
  const server = useScriptedServer();

  it("a read that times out is retried, and the error names the operation and the timeout", async () => {
    server().answerWith(undefined);
    const { lines, logger } = recordingLogger();
    const client = new DuroClient(
      { apiKey: "timeout-key-0123456789", customDuroEnvironment: server().url, retryBaseDelayMs: "1", retryMaxDelayMs: "1", maxAttempts: "2" },
      { logger, debug: false, timeoutMs: 100 },
    );
    await expect(client.request("query SlowRead { userById { id } }")).rejects.toMatchObject({
      kind: "timeout",
      message: expect.stringMatching(/query SlowRead timed out after 100 ms .* Tried 2 times/),
    });
    expect(server().requests).toBe(2);
    expect(lines).toEqual([expect.stringContaining("query SlowRead: timeout on attempt 1 of 2")]);
  });

  it("a mutation that times out is not retried: it may have reached Duro", async () => {
    server().answerWith(undefined);
    const client = new DuroClient({ apiKey: "timeout-key-0123456789", customDuroEnvironment: server().url, maxAttempts: "4" }, { logger: recordingLogger().logger, debug: false, timeoutMs: 100 });
    await expect(client.request('mutation SlowCreate { createChangeOrder(input: {name: "x"}) { id } }')).rejects.toMatchObject({
      kind: "timeout",
      message: expect.stringContaining("check in Duro before running the step again"),
    });
    expect(server().requests).toBe(1);
  });

  it("the connection's Request Timeout aborts a request that never gets an answer", async () => {
    server().answerWith(undefined);
    const connection = createConnection(duroApiKey, { apiKey: "timeout-key-0123456789", customDuroEnvironment: server().url, timeoutSeconds: "1", maxAttempts: "1" });
    await expect(runAction("getCurrentUser", { connection })).rejects.toMatchObject({
      kind: "timeout",
      message: expect.stringContaining("GetCurrentUser timed out after 1000 ms"),
    });
  });
});
