// A wrong connection is flagged as one: failures the connection's own fields cause reach the platform as spectral's
// ConnectionError (so the instance shows a configuration error), with the message and kind a DuroError would have;
// failures a step's own inputs cause stay DuroErrors. Run through spectral's harness: actions, a picklist, a trigger.
import { ConnectionError, isConnectionError } from "@prismatic-io/spectral";
import { OTHER_LIBRARY } from "../fixtures/sandbox";
import { DuroConnectionError } from "../src/client/connectionError";
import { DuroError } from "../src/client/errors";
import { harness, hubConnection, isDuroFailure, recordingLogger, runAction, sandboxConnection, useSandbox } from "./support";

const WRONG_KEY = "wrong-api-key-fedcba9876543210";
const NO_RETRY = { maxAttempts: "1" };

const failureOf = async (promise: Promise<unknown>): Promise<DuroError | DuroConnectionError> => {
  const error: unknown = await promise.then(
    () => new Error("expected the step to fail"),
    (reason: unknown) => reason,
  );
  if (!isDuroFailure(error)) throw error;
  return error;
};

/** The error is spectral's ConnectionError for this connection, with the kind and no secret. */
const expectConnectionError = (error: unknown, kind: string, secret: string): void => {
  expect(error).toBeInstanceOf(ConnectionError);
  expect(isConnectionError(error)).toBe(true);
  const flagged = error as DuroConnectionError;
  expect(flagged.kind).toBe(kind);
  expect(flagged.connection.key).toBe("duroApiKey");
  expect(flagged.connection.fields).not.toHaveProperty("apiKey");
  expect(JSON.stringify(flagged)).not.toContain(secret);
  expect(flagged.message).not.toContain(secret);
  expect(flagged.cause).toBeInstanceOf(DuroError);
  expect(flagged.message).toBe((flagged.cause as DuroError).message);
};

describe("classic: a refused key is a ConnectionError", () => {
  const sandbox = useSandbox();

  it("in an action, with the auth message and kind of today", async () => {
    const error = await failureOf(runAction("getCurrentUser", { connection: sandboxConnection(sandbox(), { apiKey: WRONG_KEY, ...NO_RETRY }) }));
    expectConnectionError(error, "auth", WRONG_KEY);
    expect(error.message).toContain("Get API Key");
    expect(error.status).toBe(401);
  });

  it("in a picklist, which the config wizard shows", async () => {
    const error = await failureOf(harness.dataSource("selectComponent", { connection: sandboxConnection(sandbox(), { apiKey: WRONG_KEY, ...NO_RETRY }) }, { logger: recordingLogger().logger }));
    expectConnectionError(error, "auth", WRONG_KEY);
  });

  it("in the polling trigger", async () => {
    const connection = sandboxConnection(sandbox(), { apiKey: WRONG_KEY, ...NO_RETRY });
    const error = await failureOf(harness.trigger("pollChanges", undefined, { connection }, { logger: recordingLogger().logger }));
    expectConnectionError(error, "auth", WRONG_KEY);
  });

  it("a FORBIDDEN naming a permission is the user's role, not the connection: a DuroError", async () => {
    sandbox().failNext({ type: "graphql", code: "FORBIDDEN", message: "Missing permission", permission: "components.read" });
    const error = await failureOf(runAction("listComponents", { connection: sandboxConnection(sandbox()) }));
    expect(error).toBeInstanceOf(DuroError);
    expect(error).toMatchObject({ kind: "forbidden", permission: "components.read" });
  });

  it("a step input that is wrong stays a DuroError", async () => {
    const error = await failureOf(runAction("getComponentById", { connection: sandboxConnection(sandbox()), componentId: "not an id" }));
    expect(error).toBeInstanceOf(DuroError);
    expect(isConnectionError(error)).toBe(false);
  });
});

describe("Duro Hub: the connection's organization and library", () => {
  const sandbox = useSandbox({ dialect: "hub" });

  it("no Organization on the connection is a ConnectionError naming the field, before any request", async () => {
    const error = await failureOf(runAction("listComponents", { connection: hubConnection(sandbox(), { organization: "" }) }));
    expectConnectionError(error, "invalid-input", sandbox().apiKey);
    expect(error.input).toBe("organization");
    expect(sandbox().requests).toHaveLength(0);
  });

  it("a missing library (HTTP 400) with no Library on the step is a ConnectionError: missing-context", async () => {
    const error = await failureOf(runAction("listComponents", { connection: hubConnection(sandbox(), { library: "" }) }));
    expectConnectionError(error, "missing-context", sandbox().apiKey);
    expect(error.message).toContain("Library field");
  });

  it("the connection's Library not being the key's (HTTP 403, no permission named) is a ConnectionError: forbidden", async () => {
    const error = await failureOf(runAction("listComponents", { connection: hubConnection(sandbox(), { library: OTHER_LIBRARY.slug }) }));
    expectConnectionError(error, "forbidden", sandbox().apiKey);
  });

  it("the same refusal for the step's own Library is the step's: a DuroError", async () => {
    const error = await failureOf(runAction("listComponents", { connection: hubConnection(sandbox()), library: OTHER_LIBRARY.slug }));
    expect(error).toBeInstanceOf(DuroError);
    expect(error.kind).toBe("forbidden");
  });
});
