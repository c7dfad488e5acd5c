// The HTTP transport under hostile servers on 127.0.0.1: a redirect is never followed (the API key and a webhook's
// signing secret reach only the configured URL), an answer past the size cap is cut off with memory bounded,
// compressed answers are decoded under the same cap, errors keep socket codes and never the bytes a server sent,
// and connections are reused.
import { inspect } from "node:util";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { DuroClient } from "../src/client/duroClient";
import { DuroError } from "../src/client/errors";
import { post } from "../src/client/transport";
import { duroApiKey } from "../src/connections/duroApiKey";
import { webhookFlowInstance } from "../fixtures/flowInstance";
import { endlessBody, forward, useGatewayServer, useScriptedServer } from "./servers";
import { describeHub, harness, hubConnection, isDuroFailure, recordingLogger, runAction, useSandbox } from "./support";

const API_KEY = "transport-key-0123456789abcdef";
const USER = JSON.stringify({ data: { userById: { id: "us-1", email: "a@example.com", firstName: "A", lastName: "B", primaryCompany: null } } });
const CHANGE_ORDER = JSON.stringify({ data: { createChangeOrder: { id: "co-1", con: "CO-1", name: "n", status: "DRAFT" } } });

const failure = async (promise: Promise<unknown>): Promise<DuroError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isDuroFailure(error)).toBe(true);
  return error as DuroError;
};

const connectionTo = (url: string, fields: Record<string, string> = {}) =>
  createConnection(duroApiKey, { apiKey: API_KEY, customDuroEnvironment: url, maxAttempts: "1", ...fields });

describe("redirects are never followed", () => {
  const redirector = useGatewayServer();
  // Where the redirects point: it answers like Duro would, so following a redirect would "succeed".
  const elsewhere = useGatewayServer();
  beforeEach(() =>
    elsewhere().handleWith((body, _request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(body.includes("mutation") ? CHANGE_ORDER : USER);
    }),
  );

  /** A Location with credentials and a token in it, none of which may be repeated. */
  const location = () => {
    const target = new URL(elsewhere().url);
    target.username = "someone";
    target.password = "pass-in-location";
    target.search = "?token=token-in-location";
    return target.toString();
  };

  const cases = [301, 302, 303, 307, 308].flatMap((status) => [
    { status, what: "a query", action: "getCurrentUser", params: {} },
    { status, what: "a mutation", action: "createChangeOrder", params: { name: "Redirected", type: "ECO" } },
  ]);

  it.each(cases)("HTTP $status to $what fails naming the target, and nothing reaches it", async ({ status, action, params }) => {
    redirector().handleWith((_body, _request, response) => response.writeHead(status, { location: location() }).end());
    const error = await failure(runAction(action, { connection: connectionTo(redirector().url), ...params }));
    expect(error).toMatchObject({ kind: "invalid-input", input: "customDuroEnvironment", status });
    expect(error.message).toContain(`redirect (HTTP ${status}) to ${elsewhere().url}`);
    expect(error.message).toContain("put it in the connection's Custom Duro Environment");
    expect(error.message).not.toMatch(/pass-in-location|token-in-location|someone/);
    expect(redirector().requests).toBe(1);
    expect(elsewhere().requests).toBe(0);
  });

  it("a relative Location is named as the URL it resolves to", async () => {
    redirector().handleWith((_body, _request, response) => response.writeHead(308, { location: "/v2/graphql" }).end());
    const error = await failure(runAction("getCurrentUser", { connection: connectionTo(redirector().url) }));
    expect(error.message).toContain(`to ${new URL("/v2/graphql", redirector().url).toString()}`);
  });

  it("a redirect without a Location says so and asks for the final URL", async () => {
    redirector().handleWith((_body, _request, response) => response.writeHead(302).end());
    const error = await failure(runAction("getCurrentUser", { connection: connectionTo(redirector().url) }));
    expect(error.message).toContain("without saying where");
    expect(error.message).toContain("Put the endpoint's final URL in the connection's Custom Duro Environment");
  });

  it("on a built-in environment's URL a redirect is a server error (nothing the user typed is wrong)", async () => {
    redirector().handleWith((_body, _request, response) => response.writeHead(301, { location: elsewhere().url }).end());
    const call = {
      operation: "query Probe",
      url: redirector().url,
      customUrl: false,
      timeoutMs: 5_000,
      maxResponseBytes: 1_048_576,
      onResponse: () => undefined,
    };
    const error = await failure(post(call, { "content-type": "application/json" }, "{}"));
    expect(error).toMatchObject({ kind: "server", status: 301 });
    expect(error.message).toContain("the environment's address may have moved");
    expect(elsewhere().requests).toBe(0);
  });

  describeHub("the webhook trigger's deploy", (hubVariant) => {
    const sandbox = useSandbox({ dialect: "hub", hubVariant });

    it("sends the new signing secret only to the configured URL, never to where its redirect points", async () => {
      let sentSecret = "";
      // Reads pass through to the Duro Hub sandbox; the mutation that registers the webhook is redirected.
      redirector().handleWith((body, request, response) => {
        // A mutation document, not a query that names mutations (the schema read asks for `mutationType`).
        if (!/"query":"(?:\\n|\s)*mutation\b/.test(body)) return forward(sandbox().url, body, request, response);
        sentSecret = /"signingSecret":"([0-9a-f]+)"/.exec(body)?.[1] ?? "";
        response.writeHead(307, { location: elsewhere().url }).end();
      });
      const { lines, logger } = recordingLogger();
      const instance = webhookFlowInstance(harness, {
        params: () => ({ connection: hubConnection(sandbox(), { customDuroEnvironment: redirector().url, maxAttempts: "1" }) }),
        webhookUrl: () => "https://hooks.example.com/trigger/redirected",
        logger,
        globalDebug: true,
      });
      const error = await failure(instance.deploy());
      expect(error).toMatchObject({ kind: "invalid-input", status: 307 });
      expect(error.message).toContain(elsewhere().url);
      expect(sentSecret).toMatch(/^[0-9a-f]{64}$/);
      expect(`${error.message}\n${lines.join("\n")}`).not.toContain(sentSecret);
      expect(elsewhere().requests).toBe(0);
      expect(sandbox().hubStore.webhooks.webhooks).toHaveLength(0);
    });
  });
});

describe("the response size cap", () => {
  const server = useScriptedServer();
  const capped = (fields: Record<string, string> = {}) => connectionTo(server().url, { maxResponseMegabytes: "1", ...fields });

  it("refuses an answer whose Content-Length is over the cap before reading its body", async () => {
    let bodyBytesWritten = 0;
    server().answerWith((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": String(2 ** 31) });
      bodyBytesWritten += 10;
      response.write('{"data": {');
    });
    const error = await failure(runAction("getCurrentUser", { connection: capped() }));
    expect(error).toMatchObject({ kind: "server", status: 200 });
    expect(error.message).toContain("announces 2048 MB (Content-Length), over the connection's Max Response Size of 1 MB");
    expect(error.message).toContain("Advanced: Max Response Size (MB)");
    expect(bodyBytesWritten).toBe(10);
  });

  it("cuts off an endless answer at the cap: the socket is closed and memory stays bounded", async () => {
    const counter = { bytesSent: 0 };
    let closed: Promise<void> = Promise.resolve();
    server().answerWith((_request, response) => {
      closed = endlessBody(response, counter);
    });
    const rssBefore = process.memoryUsage().rss;
    // A long timeout, so only the cap can end the read.
    const error = await failure(runAction("getCurrentUser", { connection: capped({ timeoutSeconds: "20" }) }));
    await closed;
    expect(error).toMatchObject({ kind: "server", status: 200 });
    expect(error.message).toContain("grew past 1 MB, over the connection's Max Response Size of 1 MB");
    // What the server got out before the client hung up: the cap plus what the loopback socket buffers hold.
    expect(counter.bytesSent).toBeLessThan(32 * 1_048_576);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1_048_576);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("decodes a %s answer, and applies the cap to the decoded size (a compression bomb fails)", async (encoding, compress) => {
    server().answerWith((request, response) => {
      expect(request.headers["accept-encoding"]).toContain(encoding);
      response.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
      response.end(compress(USER));
    });
    await expect(runAction("getCurrentUser", { connection: capped() })).resolves.toMatchObject({ data: { id: "us-1" } });

    // 8 MB of spaces inside valid JSON compresses to a few kilobytes.
    const bomb = compress(Buffer.concat([Buffer.from('{"data": {"userById": {"id": "'), Buffer.alloc(8 * 1_048_576, " "), Buffer.from('"}}}')]));
    server().answerWith((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": encoding, "content-length": String(bomb.length) });
      response.end(bomb);
    });
    const error = await failure(runAction("getCurrentUser", { connection: capped() }));
    expect(error.message).toContain("grew past 1 MB");
  });

  it("a connection with a cap out of range fails before any request, naming the field", async () => {
    server().answerWith(undefined);
    await expect(runAction("getCurrentUser", { connection: connectionTo(server().url, { maxResponseMegabytes: "0" }) })).rejects.toMatchObject({
      kind: "invalid-input",
      input: "maxResponseMegabytes",
    });
    expect(server().requests).toBe(0);
  });
});

describe("errors keep codes, never the bytes a server sent", () => {
  const server = useScriptedServer();
  const MARKER = "RAW-SERVER-BYTES-7f3a";

  /** Everything reachable from an error: its own fields and its cause chain, shown in full. */
  const shown = (error: unknown): string => inspect(error, { depth: 20, showHidden: true });

  it.each([
    {
      what: "a broken chunk size after the headers",
      raw: `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n${MARKER}\r\n`,
      code: "HPE_INVALID_CHUNK_SIZE",
      message: "broke while reading its answer",
    },
    { what: "a status line that is not HTTP", raw: `${MARKER} 200 OK\r\n\r\n`, code: "HPE_INVALID_CONSTANT", message: "Could not reach Duro" },
  ])("$what fails as network $code, and the cause chain holds no server bytes", async ({ raw, code, message }) => {
    server().answerWith((_request, response) => response.socket?.end(raw));
    const error = await failure(runAction("getCurrentUser", { connection: connectionTo(server().url) }));
    expect(error).toMatchObject({ kind: "network", networkCode: code });
    expect(error.message).toContain(message);
    expect(shown(error)).toContain(code);
    expect(shown(error)).not.toContain(MARKER);
  });
});

describe("connections", () => {
  const server = useGatewayServer();

  it("are kept alive and reused from call to call, and no timer is left behind", async () => {
    const ports: number[] = [];
    server().handleWith((_body, request, response) => {
      ports.push(request.socket.remotePort ?? 0);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(USER);
    });
    const client = new DuroClient({ apiKey: API_KEY, customDuroEnvironment: server().url }, { logger: recordingLogger().logger, debug: false, timeoutMs: 60_000 });
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
    const call = () => client.request("query Me { userById { id } }");
    // Counted from the first call on: the kept-alive socket's idle timers (client and server side) exist from then,
    // and come and go with each exchange, so only a timer left per call (a 60 s timeout not cleared) adds up.
    await call();
    const afterFirstCall = timers();
    const MORE_CALLS = 5;
    for (let more = 0; more < MORE_CALLS; more += 1) await call();
    expect(ports).toHaveLength(1 + MORE_CALLS);
    expect(new Set(ports).size).toBe(1);
    expect(timers() - afterFirstCall).toBeLessThan(MORE_CALLS);
  });
});
