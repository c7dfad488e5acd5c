// The GraphQL client over real HTTP against the embedded sandbox, mostly through actions run by spectral's harness:
// the headers it sends, how every failure becomes a DuroError of the right kind, and its redacted debug logging.
import { createServer, Server } from "node:http";
import { AddressInfo, Socket } from "node:net";
import { CLASSIC_AUTH_HEADER } from "../fixtures/sandbox";
import { DuroClient } from "../src/client/duroClient";
import { DuroError } from "../src/client/errors";
import { freePort } from "./servers";
import { isDuroFailure, recordingLogger, runAction, sandboxConnection, useSandbox } from "./support";

const WRONG_KEY = "wrong-api-key-fedcba9876543210";
// These tests check how one answer maps to an error; retrying the retryable ones is tested in retry.test.ts.
const NO_RETRY = { maxAttempts: "1" };

/** Awaits `promise`, expecting it to reject with a DuroError; returns that error so its fields can be asserted. */
const rejection = async (promise: Promise<unknown>): Promise<DuroError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error === undefined) throw new Error("expected the call to fail with a DuroError, but it succeeded");
  expect(isDuroFailure(error)).toBe(true);
  return error as DuroError;
};

const graphqlErrorsBody = (errors: unknown[]): string => JSON.stringify({ errors });

describe("DuroClient against the sandbox", () => {
  const sandbox = useSandbox();

  describe("headers", () => {
    it("sends the classic apiToken header with the key", async () => {
      const result = await runAction("getCurrentUser", { connection: sandboxConnection(sandbox()) });
      expect(result).toMatchObject({ data: { id: sandbox().data.users[0].id } });
      expect(sandbox().requests).toHaveLength(1);
      const { headers } = sandbox().requests[0];
      expect(headers[CLASSIC_AUTH_HEADER]).toBe(sandbox().apiKey);
      expect(headers["x-api-key"]).toBeUndefined();
    });

    it("sends the Duro Hub headers (x-api-key, x-organization, x-library, no apitoken) when Duro Hub is picked", async () => {
      const connection = sandboxConnection(sandbox(), { duroEnvironment: "hub", organization: "acme", library: "robot-arm" });
      const error = await rejection(runAction("rawRequest", { connection, query: "{ userById { id } }" }));

      // The sandbox only speaks the classic header, so it refuses the Duro Hub one: proof of what was sent.
      expect(error.kind).toBe("auth");
      expect(sandbox().requests).toHaveLength(1);
      const { headers } = sandbox().requests[0];
      expect(headers["x-api-key"]).toBe(sandbox().apiKey);
      expect(headers["x-organization"]).toBe("acme");
      expect(headers["x-library"]).toBe("robot-arm");
      expect(headers[CLASSIC_AUTH_HEADER]).toBeUndefined();
    });
  });

  describe("error kinds", () => {
    it("401 (wrong key) is auth, and says to paste a new key from Account settings → Integrations into API Key", async () => {
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), { apiKey: WRONG_KEY }) }));
      expect(error.kind).toBe("auth");
      expect(error.status).toBe(401);
      expect(error.message).toContain("API Key");
      expect(error.message).toContain("Account settings → Integrations");
      expect(error.message).toContain("GetCurrentUser");
      expect(error.message).not.toContain(WRONG_KEY);
    });

    it("HTTP 403 with a FORBIDDEN errors body is forbidden and names the permission", async () => {
      sandbox().failNext({
        type: "http",
        status: 403,
        body: graphqlErrorsBody([
          { message: "Not allowed to read components", extensions: { code: "FORBIDDEN", permission: "components.read" } },
        ]),
      });
      const error = await rejection(runAction("listComponents", { connection: sandboxConnection(sandbox()) }));
      expect(error.kind).toBe("forbidden");
      expect(error.status).toBe(403);
      expect(error.message).toContain('"components.read"');
      expect(error.message).toContain("Roles & Permissions");
    });

    it("HTTP 403 without a GraphQL body (e.g. from a proxy) is still forbidden", async () => {
      sandbox().failNext({ type: "http", status: 403, contentType: "text/plain", body: "Forbidden" });
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox()) }));
      expect(error.kind).toBe("forbidden");
      expect(error.status).toBe(403);
      expect(error.message).toContain("permission for this operation");
    });

    it("GraphQL FORBIDDEN with HTTP 200 is forbidden, naming the permission", async () => {
      sandbox().failNext({ type: "graphql", code: "FORBIDDEN", message: "Missing permission", permission: "changeOrders.create" });
      const error = await rejection(runAction("listComponents", { connection: sandboxConnection(sandbox()) }));
      expect(error.kind).toBe("forbidden");
      expect(error.status).toBe(200);
      expect(error.message).toContain('"changeOrders.create"');
      expect(error.graphqlErrors).toEqual([expect.objectContaining({ message: "Missing permission", code: "FORBIDDEN" })]);
    });

    it("GraphQL FORBIDDEN without a permission code still says a permission is missing", async () => {
      sandbox().failNext({ type: "graphql", code: "FORBIDDEN", message: "Nope" });
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox()) }));
      expect(error.kind).toBe("forbidden");
      expect(error.message).toContain("permission for this operation");
    });

    it("GraphQL RATE_LIMITED with retryAfter 60 is rate-limited after 60 s", async () => {
      sandbox().failNext({ type: "graphql", code: "RATE_LIMITED", message: "Slow down", retryAfter: 60 });
      const error = await rejection(runAction("listComponents", { connection: sandboxConnection(sandbox(), NO_RETRY) }));
      expect(error.kind).toBe("rate-limited");
      expect(error.retryAfterSeconds).toBe(60);
      expect(error.message).toContain("after 60 s");
    });

    it("HTTP 429 with a Retry-After header in seconds is rate-limited after that many seconds", async () => {
      sandbox().failNext({ type: "http", status: 429, headers: { "Retry-After": "30" } });
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), NO_RETRY) }));
      expect(error.kind).toBe("rate-limited");
      expect(error.status).toBe(429);
      expect(error.retryAfterSeconds).toBe(30);
      expect(error.message).toContain("after 30 s");
    });

    it("HTTP 429 with a Retry-After date waits until that date", async () => {
      const retryAt = new Date(Date.now() + 120_000).toUTCString();
      sandbox().failNext({ type: "http", status: 429, headers: { "Retry-After": retryAt } });
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), NO_RETRY) }));
      expect(error.kind).toBe("rate-limited");
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(115);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
    });

    it("HTTP 503 is server, saying to try again later", async () => {
      sandbox().failNext({ type: "http", status: 503 });
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), NO_RETRY) }));
      expect(error.kind).toBe("server");
      expect(error.status).toBe(503);
      expect(error.message).toContain("HTTP 503");
      expect(error.message).toContain("Try again later");
    });

    it("HTTP 200 with an HTML body is server, saying the body is not GraphQL JSON", async () => {
      sandbox().failNext({ type: "http", status: 200, contentType: "text/html", body: "<html><body>Welcome to nginx!</body></html>" });
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox()) }));
      expect(error.kind).toBe("server");
      expect(error.status).toBe(200);
      expect(error.message).toContain("not GraphQL JSON");
      expect(error.message).toContain("/graphql");
    });

    it("a GraphQL validation error (HTTP 400) from a bad field is graphql, with Duro's message", async () => {
      const error = await rejection(runAction("rawRequest", { connection: sandboxConnection(sandbox()), query: "{ userById { noSuchField } }" }));
      expect(error.kind).toBe("graphql");
      expect(error.status).toBe(400);
      expect(error.graphqlErrors).toEqual([
        expect.objectContaining({ message: expect.stringContaining("noSuchField"), code: "GRAPHQL_VALIDATION_FAILED" }),
      ]);
      expect(error.message).toContain("noSuchField");
    });

    it("a GraphQL error with HTTP 200 is an error, not (partial) data", async () => {
      const query = "query TooMany { components { connection(first: 1000) { totalCount } } }";
      const error = await rejection(runAction("rawRequest", { connection: sandboxConnection(sandbox()), query }));
      expect(error.kind).toBe("graphql");
      expect(error.status).toBe(200);
      expect(error.message).toContain("TooMany");
      expect(error.graphqlErrors).toEqual([
        expect.objectContaining({ message: "first must be between 0 and 100", code: "BAD_USER_INPUT", path: ["components", "connection"] }),
      ]);
    });

    it("a refused connection is network, naming the URL and the connection fields to check", async () => {
      const url = `http://127.0.0.1:${await freePort()}/graphql`;
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), { customDuroEnvironment: url }) }));
      expect(error.kind).toBe("network");
      expect(error.message).toContain(url);
      expect(error.message).toContain("ECONNREFUSED");
      expect(error.message).toContain("Custom Duro Environment");
    });

    it("a dropped connection is network, not an unhandled exception", async () => {
      sandbox().failNext({ type: "drop" });
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), NO_RETRY) }));
      expect(error.kind).toBe("network");
      expect(sandbox().requests).toHaveLength(1);
    });

    it("an endpoint that answers 404 is not-found, pointing at Custom Duro Environment", async () => {
      const url = sandbox().url.replace(/\/graphql$/, "/nope");
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), { customDuroEnvironment: url }) }));
      expect(error.kind).toBe("not-found");
      expect(error.status).toBe(404);
      expect(error.message).toContain(url);
      expect(error.message).toContain("Custom Duro Environment");
    });
  });

  describe("debug logging", () => {
    const expectRequestLogged = (lines: string[]) => {
      const all = lines.join("\n");
      expect(all).toContain("ListComponents");
      expect(all).toContain(sandbox().url);
      expect(all).toContain('"libraryType":"PERSONAL"');
      expect(all).toContain('"first":7');
      expect(all).toMatch(/HTTP 200 in \d+ ms/);
      expect(all).toContain("[REDACTED]");
      expect(all).not.toContain(sandbox().apiKey);
    };

    it("with debugRequest on, logs operation, endpoint, variables, status and duration, with the key redacted", async () => {
      const { lines, logger } = recordingLogger();
      await runAction("listComponents", { connection: sandboxConnection(sandbox()), libraryType: "PERSONAL", first: "7", debugRequest: "true" }, { logger });
      expectRequestLogged(lines);
    });

    it("with the platform's debug mode on (debugRequest off), logs the same", async () => {
      const { lines, logger } = recordingLogger();
      await runAction(
        "listComponents",
        { connection: sandboxConnection(sandbox()), libraryType: "PERSONAL", first: "7", debugRequest: "false" },
        { logger, globalDebug: true },
      );
      expectRequestLogged(lines);
    });

    it("names the operation of GetCurrentUser in its log lines", async () => {
      const { lines, logger } = recordingLogger();
      await runAction("getCurrentUser", { connection: sandboxConnection(sandbox()), debugRequest: "true" }, { logger });
      expect(lines.join("\n")).toContain("GetCurrentUser");
      expect(lines.join("\n")).toMatch(/HTTP 200 in \d+ ms/);
    });

    it("with both off, logs nothing", async () => {
      const { lines, logger } = recordingLogger();
      const result = await runAction("getCurrentUser", { connection: sandboxConnection(sandbox()), debugRequest: "false" }, { logger });
      expect(result).toMatchObject({ data: { id: expect.any(String) } });
      expect(lines).toEqual([]);
    });

    it("redacts variables with secret-looking names", async () => {
      const { lines, logger } = recordingLogger();
      await runAction(
        "rawRequest",
        {
          connection: sandboxConnection(sandbox()),
          query: "query Me($signingSecret: ID, $first: Int) { userById(id: $signingSecret) { id } components { connection(first: $first) { totalCount } } }",
          variablesObject: JSON.stringify({ signingSecret: "s3cr3t-value-123456", first: 1 }),
          debugRequest: "true",
        },
        { logger },
      );
      const all = lines.join("\n");
      expect(all).toContain('"signingSecret":"[REDACTED]"');
      expect(all).toContain('"first":1');
      expect(all).not.toContain("s3cr3t-value-123456");
    });

    it("on 401, neither the log lines nor the error carry the key", async () => {
      const { lines, logger } = recordingLogger();
      const error = await rejection(
        runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), { apiKey: WRONG_KEY }), debugRequest: "true" }, { logger }),
      );
      expect(error.kind).toBe("auth");
      const all = lines.join("\n");
      expect(all).toContain("failed");
      expect(all).toContain("(auth)");
      expect(all).not.toContain(WRONG_KEY);
      expect(error.message).not.toContain(WRONG_KEY);
    });

    it("on FORBIDDEN, neither the log lines nor the error carry the key", async () => {
      sandbox().failNext({ type: "graphql", code: "FORBIDDEN", message: "Missing permission", permission: "components.read" });
      const { lines, logger } = recordingLogger();
      const error = await rejection(runAction("listComponents", { connection: sandboxConnection(sandbox()), debugRequest: "true" }, { logger }));
      expect(error.kind).toBe("forbidden");
      const all = lines.join("\n");
      expect(all).toContain("(forbidden)");
      expect(all).not.toContain(sandbox().apiKey);
      expect(error.message).not.toContain(sandbox().apiKey);
    });

    it("redacts the key when a server message echoes it, in the error and in the log", async () => {
      sandbox().failNext({ type: "graphql", code: "FORBIDDEN", message: `bad key ${sandbox().apiKey}` });
      const { lines, logger } = recordingLogger();
      const error = await rejection(runAction("getCurrentUser", { connection: sandboxConnection(sandbox()), debugRequest: "true" }, { logger }));
      expect(error.kind).toBe("forbidden");
      expect(error.message).toContain("bad key [REDACTED]");
      expect(error.message).not.toContain(sandbox().apiKey);
      expect(JSON.stringify(error.graphqlErrors)).not.toContain(sandbox().apiKey);
      expect(lines.join("\n")).toContain("bad key [REDACTED]");
      expect(lines.join("\n")).not.toContain(sandbox().apiKey);
    });
  });
});

describe("DuroClient timeout", () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let url = "";

  beforeAll(async () => {
    // Accepts the request and never answers.
    server = createServer(() => undefined);
    server.on("connection", (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("a request with no answer within timeoutMs is timeout, naming the operation and the time", async () => {
    const { lines, logger } = recordingLogger();
    const client = new DuroClient({ apiKey: "timeout-key-123456", customDuroEnvironment: url }, { logger, debug: false, timeoutMs: 200, retry: { maxAttempts: 1 } });
    const started = Date.now();
    const error = await rejection(client.request("query SlowProbe { userById { id } }"));
    expect(error.kind).toBe("timeout");
    expect(error.message).toContain("SlowProbe");
    expect(error.message).toContain("200 ms");
    expect(error.message).toContain(url);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(lines).toEqual([]);
  });
});
