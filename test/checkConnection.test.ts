// Check Connection reports, per environment, whether Duro accepts the key and whom it belongs to, when the key
// expires, and which actions and triggers work there: checked against the endpoint's schema when it can be read.
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { DuroSandbox, SandboxOptions, startSandbox } from "../fixtures/sandbox";
import { DuroError } from "../src/client/errors";
import { duroApiKey } from "../src/connections/duroApiKey";
import * as actions from "../src/actions";
import { documentFacts } from "../src/client/documentFacts";
import { ConnectionReport } from "../src/operations/connectionCheck";
import { variantsOf } from "../src/operations/dialects";
import { operationsOf } from "../src/operations/stepOperations";
import * as triggers from "../src/triggers";
import { ACTION_PARAMS } from "./actionParams";
import { freePort } from "./servers";
import { ENDPOINT_CASES, harness, hubConnection, recordingLogger, runAction, runsOnHubShape, sandboxConnection, shapeDifferences, SMALL_SEED, useSandbox } from "./support";

const DAY_MS = 86_400_000;

/** A key shaped like a classic Duro key: a JWT whose payload carries `exp` (the signature is never checked locally). */
const jwtKey = (expiresInDays: number): string => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return [part({ alg: "HS256", typ: "JWT" }), part({ sub: "user-1", exp: Math.floor((Date.now() + expiresInDays * DAY_MS) / 1000) }), "c2lnbmF0dXJl"].join(".");
};

const started: DuroSandbox[] = [];
const sandboxFor = async (options: SandboxOptions = {}): Promise<DuroSandbox> => {
  const sandbox = await startSandbox({ seed: SMALL_SEED, ...options });
  started.push(sandbox);
  return sandbox;
};
afterEach(async () => {
  await Promise.all(started.splice(0).map((sandbox) => sandbox.stop()));
});

const report = async (connection: unknown, logger = recordingLogger().logger): Promise<ConnectionReport> =>
  (await runAction("checkConnection", { connection, debugRequest: "true" }, { logger }))?.data as ConnectionReport;

const STEP_KEYS = [...Object.keys(harness.component.actions), ...Object.keys(harness.component.triggers)].sort();

const supportOf = (result: ConnectionReport, key: string) => result.actions.find((step) => step.key === key);

describe("Check Connection on classic Duro", () => {
  it("reports the endpoint, the user, the key's expiry and every action and trigger, with one extra request for the schema", async () => {
    const apiKey = jwtKey(60);
    const sandbox = await sandboxFor({ apiKey });
    const { lines, logger } = recordingLogger();
    const result = await report(sandboxConnection(sandbox), logger);
    const user = sandbox.data.users[0];
    expect(result).toMatchObject({
      endpoint: sandbox.url,
      dialect: "classic",
      authenticated: true,
      identity: { kind: "user", id: user.id, email: user.email },
      schema: "introspected",
      warnings: [],
    });
    expect(Date.parse(result.apiKeyExpiresAt as string) - Date.now()).toBeGreaterThan(59 * DAY_MS);
    expect(result.actions.map((step) => step.key)).toEqual(STEP_KEYS);
    expect(supportOf(result, "getComponentById")).toEqual({ key: "getComponentById", supported: true });
    expect(supportOf(result, "pollChanges")).toEqual({ key: "pollChanges", supported: true });
    expect(supportOf(result, "listLibraries")).toMatchObject({ supported: false, reason: expect.stringContaining("Duro Hub") });
    expect(sandbox.requests.map((request) => request.operationName)).toEqual(["GetCurrentUser", "IntrospectionQuery"]);
    expect(JSON.stringify(result) + lines.join("\n")).not.toContain(apiKey);
  });

  it("returns what its examplePayload shows", async () => {
    const sandbox = await sandboxFor({ apiKey: jwtKey(10) });
    expect(shapeDifferences({ data: await report(sandboxConnection(sandbox)) }, harness.component.actions.checkConnection.examplePayload)).toEqual([]);
  });

  it("warns about a key that expires within 14 days", async () => {
    const sandbox = await sandboxFor({ apiKey: jwtKey(5) });
    const result = await report(sandboxConnection(sandbox));
    expect(result.warnings).toEqual([expect.stringMatching(/^The API key expires on .*, in 5 day\(s\)\. Create a new key/)]);
  });

  it("warns about an expired key, and reports a key Duro refuses as not authenticated, without failing", async () => {
    const sandbox = await sandboxFor();
    const expired = jwtKey(-3);
    const result = await report(sandboxConnection(sandbox, { apiKey: expired }));
    expect(result).toMatchObject({ authenticated: false, identity: null, schema: "unavailable" });
    expect(result.apiKeyExpiresAt).not.toBeNull();
    expect(result.warnings).toEqual([
      expect.stringMatching(/^The API key expired on /),
      expect.stringContaining("Duro rejected the API key"),
      expect.stringContaining("schema was not read"),
    ]);
    expect(supportOf(result, "getComponentById")).toEqual({ key: "getComponentById", supported: true });
    expect(sandbox.requests).toHaveLength(1);
  });

  it("a key that is not a JWT has no known expiry", async () => {
    const sandbox = await sandboxFor();
    expect((await report(sandboxConnection(sandbox))).apiKeyExpiresAt).toBeNull();
  });

  it("fails when the endpoint cannot be reached at all, naming it", async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    const connection = createConnection(duroApiKey, { apiKey: "any-key-0123456789", duroEnvironment: "mfg", customDuroEnvironment: url, maxAttempts: "1" });
    const error = await runAction("checkConnection", { connection }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DuroError);
    expect(error).toMatchObject({ kind: "network" });
  });
});

describe("Check Connection on Duro Hub", () => {
  it("reports the library as the identity and checks every step against the endpoint's schema", async () => {
    const sandbox = await sandboxFor({ dialect: "hub" });
    const result = await report(hubConnection(sandbox));
    expect(result).toMatchObject({ dialect: "hub", authenticated: true, identity: { kind: "library", organization: expect.any(String) }, schema: "introspected", apiKeyExpiresAt: null });
    expect(supportOf(result, "getCurrentUser")).toMatchObject({ supported: false, reason: expect.stringContaining("classic") });
    expect(supportOf(result, "validateChangeOrder")).toEqual({ key: "validateChangeOrder", supported: true });
    expect(supportOf(result, "webhook")).toEqual({ key: "webhook", supported: true });
  });

  it("reports a step whose fields the endpoint lacks as unsupported, naming the field and what the endpoint offers", async () => {
    const sandbox = await sandboxFor({ dialect: "hub", schemaEdit: (sdl) => sdl.replace(/\bupdatedAt\b/g, "modifiedAt") });
    const result = await report(hubConnection(sandbox));
    expect(supportOf(result, "pollChanges")).toEqual({
      key: "pollChanges",
      supported: false,
      reason: expect.stringMatching(/Changed Components: Cannot query field "updatedAt" on type "Component"\..*modifiedAt/),
    });
    expect(supportOf(result, "listComponents")).toEqual({ key: "listComponents", supported: true });
  });

  it("with introspection refused, says the schema is unavailable and reports from the connector's own documents", async () => {
    const sandbox = await sandboxFor({ dialect: "hub", introspection: false });
    const result = await report(hubConnection(sandbox));
    expect(result).toMatchObject({ authenticated: true, schema: "unavailable" });
    expect(result.warnings).toEqual([expect.stringContaining("introspection refused")]);
    expect(supportOf(result, "listComponents")).toEqual({ key: "listComponents", supported: true });
  });
});

describe("the operations each step declares", () => {
  it("every action and trigger declares them", () => {
    const undeclared = [...Object.entries<object>(actions), ...Object.entries<object>(triggers)].flatMap(([key, step]) => {
      try {
        operationsOf(key, step);
        return [];
      } catch {
        return [key];
      }
    });
    expect(undeclared).toEqual([]);
  });

  describe.each(ENDPOINT_CASES)("on the $name sandbox", ({ dialect, hubVariant, connectionFor }) => {
    const sandbox = useSandbox({ dialect, hubVariant });
    // The older Hub shape has no component mutation (nothing is sent) and its own raw filter form.
    const keys = Object.entries(ACTION_PARAMS)
      .filter(([key, entry]) => entry.dialect === dialect && key !== "checkConnection")
      .filter(([key]) => runsOnHubShape(key, hubVariant))
      .map(([key]) => key);

    it.each(keys)("%s sends only documents of the operations it declares", async (key) => {
      const { prepare, params: all } = ACTION_PARAMS[key];
      const params = hubVariant === "legacy" ? Object.fromEntries(Object.entries(all).filter(([name]) => name !== "filter")) : all;
      prepare?.(sandbox());
      await runAction(key, { connection: connectionFor(sandbox()), ...params });
      const declared = new Set(
        operationsOf(key, (actions as Record<string, object>)[key]).flatMap((operation) => {
          const queries = operation.documents[dialect];
          return queries ? variantsOf(queries).map((query) => documentFacts(query.document).operationName) : [];
        }),
      );
      const sent = sandbox().requests.map((request) => request.operationName);
      expect(sent.filter((name) => !declared.has(name))).toEqual(key === "rawRequest" ? sent : []);
    });
  });
});
