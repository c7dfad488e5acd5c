// Bad answers from the server, each given byte for byte by a real HTTP server on 127.0.0.1: every one must end as a
// DuroError of a clear kind, never an unhandled exception (a TypeError from reading a missing field) or a hang.
import { ServerResponse } from "node:http";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { DuroError, DuroErrorKind } from "../src/client/errors";
import { duroApiKey } from "../src/connections/duroApiKey";
import { Script, useScriptedServer } from "./servers";
import { runAction } from "./support";

const answer =
  (status: number, body: string, contentType = "application/json"): Script =>
  (_, response: ServerResponse) => {
    response.writeHead(status, { "content-type": contentType });
    response.end(body);
  };

/** Headers and the start of a body, then silence (or a dropped connection): the body never completes. */
const partialBody =
  (then: "stall" | "drop"): Script =>
  (_, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": "200" });
    response.write('{"data": {"userById": {"id": ');
    if (then === "drop") setImmediate(() => response.socket?.destroy());
  };

interface BadAnswer {
  what: string;
  action: string;
  script: Script;
  kind: DuroErrorKind;
  /** A part of the error message that says what happened. */
  message: string;
}

const BAD_ANSWERS: BadAnswer[] = [
  { what: "a plain-text body", action: "getCurrentUser", script: answer(200, "Service temporarily unavailable", "text/plain"), kind: "server", message: "not GraphQL JSON (it is text/plain)" },
  { what: "an HTML page with HTTP 200", action: "getCurrentUser", script: answer(200, "<!doctype html><title>Login</title>", "text/html"), kind: "server", message: "not GraphQL JSON (it is text/html)" },
  { what: "an HTML error page with HTTP 502", action: "listComponents", script: answer(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"), kind: "server", message: "(HTTP 502)" },
  { what: "truncated JSON", action: "getCurrentUser", script: answer(200, '{"data": {"userById": {"id": "us'), kind: "server", message: "cut off, malformed" },
  { what: "JSON that is not an object", action: "getCurrentUser", script: answer(200, "[1, 2, 3]"), kind: "server", message: "not a GraphQL answer" },
  { what: "errors that are not a list", action: "getCurrentUser", script: answer(200, '{"errors": "bad"}'), kind: "server", message: "not a GraphQL answer" },
  { what: "an empty body", action: "getCurrentUser", script: answer(200, ""), kind: "server", message: "not a GraphQL answer" },
  { what: "data: null without errors", action: "getCurrentUser", script: answer(200, '{"data": null}'), kind: "server", message: "with no data and no errors" },
  { what: "data: null with errors", action: "getCurrentUser", script: answer(200, '{"data": null, "errors": [{"message": "Internal failure", "extensions": {"code": "INTERNAL"}}]}'), kind: "graphql", message: "Duro said: Internal failure [INTERNAL]." },
  { what: "a list without pageInfo", action: "listComponents", script: answer(200, '{"data": {"components": {"connection": {"totalCount": 1, "edges": []}}}}'), kind: "server", message: "a list without pageInfo.hasNextPage" },
  { what: "a list without edges", action: "listChangeOrders", script: answer(200, '{"data": {"changeOrders": {"connection": {"pageInfo": {"hasNextPage": false, "endCursor": null}}}}}'), kind: "server", message: "a list without edges" },
  { what: "a list whose parent field is null", action: "listComponents", script: answer(200, '{"data": {"components": null}}'), kind: "server", message: "Duro's answer to List Components lacks what the connector reads" },
  { what: "a body cut off by a dropped connection", action: "getCurrentUser", script: partialBody("drop"), kind: "network", message: "broke while reading its answer" },
  { what: "a body that stops coming", action: "getCurrentUser", script: partialBody("stall"), kind: "timeout", message: "GetCurrentUser timed out after 1000 ms" },
  { what: "no answer at all", action: "getCurrentUser", script: undefined, kind: "timeout", message: "GetCurrentUser timed out after 1000 ms" },
];

describe("bad answers from the server", () => {
  const server = useScriptedServer();
  // One attempt and the shortest timeout: these tests are about how one answer is reported.
  const connection = () =>
    createConnection(duroApiKey, { apiKey: "bad-server-key-0123456789", customDuroEnvironment: server().url, timeoutSeconds: "1", maxAttempts: "1" });

  it.each(BAD_ANSWERS)("$what ($action) fails as $kind", async ({ action, script, kind, message }) => {
    server().answerWith(script);
    const error = await runAction(action, { connection: connection() }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(DuroError);
    expect(error).toMatchObject({ kind, message: expect.stringContaining(message) });
    expect(server().requests).toBe(1);
  });

  it("a bad answer to a read that may be passing (HTTP 502) is retried before it is reported", async () => {
    server().answerWith(answer(502, "<html><body>Bad Gateway</body></html>", "text/html"));
    const retrying = createConnection(duroApiKey, {
      apiKey: "bad-server-key-0123456789",
      customDuroEnvironment: server().url,
      maxAttempts: "3",
      retryBaseDelayMs: "1",
      retryMaxDelayMs: "2",
    });
    await expect(runAction("listComponents", { connection: retrying })).rejects.toMatchObject({ kind: "server", status: 502, attempts: 3 });
    expect(server().requests).toBe(3);
  });
});
