// Endpoint resolution: which URL, which dialect and which headers a connection's fields mean. Pure functions, no HTTP.
import { DuroError } from "../src/client/errors";
import { ConnectionFields, ENVIRONMENTS, parseCustomEndpoint, resolveEndpoint } from "../src/connections/endpoint";

const KEY = "test-key-0123456789";

/** Runs `fn`, expecting it to throw a DuroError; returns that error so its fields can be asserted. */
const thrownBy = (fn: () => unknown): DuroError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DuroError);
    return error as DuroError;
  }
  throw new Error("expected a DuroError to be thrown, but nothing was thrown");
};

const expectInvalidInput = (fn: () => unknown, input: string): DuroError => {
  const error = thrownBy(fn);
  expect(error.kind).toBe("invalid-input");
  expect(error.input).toBe(input);
  expect(error.message).toContain(input);
  return error;
};

describe("resolveEndpoint: environments", () => {
  it.each([
    ["mfg", "https://mfg.duro.app/graphql", "classic"],
    ["itar", "https://app.govduro.us/graphql", "classic"],
    ["eu", "https://eu.duro.app/graphql", "classic"],
    ["hub", "https://api.durohub.com/graphql", "hub"],
  ] as const)("%s resolves to %s with the %s dialect", (environment, url, dialect) => {
    const endpoint = resolveEndpoint({ apiKey: KEY, duroEnvironment: environment, organization: "@acme" });
    expect(endpoint.url).toBe(url);
    expect(endpoint.url).toBe(ENVIRONMENTS[environment].url);
    expect(endpoint.dialect).toBe(dialect);
    expect(endpoint.environment).toBe(environment);
  });

  it.each([
    ["undefined", undefined],
    ["empty", ""],
    ["blank", "   "],
  ])("an %s environment means mfg", (_label, duroEnvironment) => {
    const endpoint = resolveEndpoint({ apiKey: KEY, duroEnvironment });
    expect(endpoint.environment).toBe("mfg");
    expect(endpoint.url).toBe(ENVIRONMENTS.mfg.url);
    expect(endpoint.dialect).toBe("classic");
  });

  it("does not take an inherited property name for an environment", () => {
    expectInvalidInput(() => resolveEndpoint({ apiKey: KEY, duroEnvironment: "toString" }), "duroEnvironment");
  });

  it("rejects an unknown environment, naming duroEnvironment and the allowed values", () => {
    const error = expectInvalidInput(() => resolveEndpoint({ apiKey: KEY, duroEnvironment: "moon" }), "duroEnvironment");
    expect(error.message).toContain("moon");
    for (const environment of Object.keys(ENVIRONMENTS)) expect(error.message).toContain(environment);
  });
});

describe("resolveEndpoint: custom URL", () => {
  const custom = "https://duro.example.com/graphql";

  it("overrides the URL of the picked environment", () => {
    const endpoint = resolveEndpoint({ apiKey: KEY, duroEnvironment: "eu", customDuroEnvironment: custom });
    expect(endpoint.url).toBe(custom);
    expect(endpoint.environment).toBe("eu");
  });

  it.each([
    ["mfg", "classic"],
    ["itar", "classic"],
    ["eu", "classic"],
    ["hub", "hub"],
  ] as const)("keeps the dialect of the picked environment (%s → %s)", (duroEnvironment, dialect) => {
    expect(resolveEndpoint({ apiKey: KEY, duroEnvironment, customDuroEnvironment: custom, organization: "@acme" }).dialect).toBe(dialect);
  });

  it("with hub picked, sends the Duro Hub headers to the custom URL", () => {
    const endpoint = resolveEndpoint({ apiKey: KEY, duroEnvironment: "hub", customDuroEnvironment: custom, organization: "acme" });
    expect(endpoint.url).toBe(custom);
    expect(endpoint.headers).toEqual({ "x-api-key": KEY, "x-organization": "acme" });
  });

  it("is trimmed", () => {
    expect(resolveEndpoint({ apiKey: KEY, customDuroEnvironment: `  ${custom}\n` }).url).toBe(custom);
  });

  it.each([["empty", ""], ["blank", "   "], ["undefined", undefined]])("an %s custom URL uses the environment's URL", (_label, customDuroEnvironment) => {
    expect(resolveEndpoint({ apiKey: KEY, duroEnvironment: "itar", customDuroEnvironment }).url).toBe(ENVIRONMENTS.itar.url);
  });

  it("rejects a bad custom URL with invalid-input naming customDuroEnvironment", () => {
    expectInvalidInput(() => resolveEndpoint({ apiKey: KEY, customDuroEnvironment: "ftp://duro.example.com/graphql" }), "customDuroEnvironment");
  });
});

describe("resolveEndpoint: headers per dialect", () => {
  it("classic sends exactly { apiToken: key }, ignoring organization and library", () => {
    const endpoint = resolveEndpoint({ apiKey: KEY, duroEnvironment: "mfg", organization: "acme", library: "main" });
    expect(endpoint.headers).toEqual({ apiToken: KEY });
  });

  it.each([
    ["no", undefined],
    ["a blank", "  "],
  ])("hub with %s organization fails before any request, naming the Organization field and the slug format", (_label, organization) => {
    const error = expectInvalidInput(() => resolveEndpoint({ apiKey: KEY, duroEnvironment: "hub", organization, library: "robot-arm" }), "organization");
    expect(error.message).toContain("@my-company");
    expect(error.message).toContain("Organization field");
  });

  it("hub leaves out a blank library (Duro Hub then uses the key's own library where it can)", () => {
    const endpoint = resolveEndpoint({ apiKey: KEY, duroEnvironment: "hub", organization: "acme", library: "  " });
    expect(endpoint.headers).toEqual({ "x-api-key": KEY, "x-organization": "acme" });
  });

  it("hub adds x-organization and x-library when given", () => {
    const endpoint = resolveEndpoint({ apiKey: KEY, duroEnvironment: "hub", organization: "acme", library: "robot-arm" });
    expect(endpoint.headers).toEqual({ "x-api-key": KEY, "x-organization": "acme", "x-library": "robot-arm" });
  });

  it("trims every header value and the environment", () => {
    const fields: ConnectionFields = { apiKey: ` ${KEY}\t`, duroEnvironment: " hub ", organization: " acme ", library: "\nrobot-arm " };
    const endpoint = resolveEndpoint(fields);
    expect(endpoint.apiKey).toBe(KEY);
    expect(endpoint.headers).toEqual({ "x-api-key": KEY, "x-organization": "acme", "x-library": "robot-arm" });
    expect(resolveEndpoint({ apiKey: ` ${KEY} ` }).headers).toEqual({ apiToken: KEY });
  });
});

describe("resolveEndpoint: API key", () => {
  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["blank", "  \t "],
  ])("a %s API key is invalid-input naming apiKey, with where to get one", (_label, apiKey) => {
    const error = expectInvalidInput(() => resolveEndpoint({ apiKey, duroEnvironment: "mfg" }), "apiKey");
    expect(error.message).toContain("Account settings → Integrations");
  });
});

describe("parseCustomEndpoint", () => {
  it.each([
    ["https to any host", "https://duro.example.com/graphql"],
    ["plain http to localhost", "http://localhost:1234/graphql"],
    ["plain http to 127.0.0.1", "http://127.0.0.1:9/graphql"],
    ["plain http to [::1]", "http://[::1]:9/graphql"],
  ])("allows %s", (_label, url) => {
    expect(parseCustomEndpoint(url)).toBe(url);
  });

  it.each([
    ["plain http to a remote host", "http://duro.example.com/graphql"],
    ["plain http to a host that only starts with localhost", "http://localhost.example.com/graphql"],
    ["ftp", "ftp://duro.example.com/graphql"],
    ["file", "file:///etc/passwd"],
    ["javascript", "javascript:alert(1)"],
    ["text that is not a URL", "not a url"],
    ["credentials in the URL", "https://user:pass@duro.example.com/graphql"],
  ])("rejects %s with invalid-input naming customDuroEnvironment", (_label, url) => {
    expectInvalidInput(() => parseCustomEndpoint(url), "customDuroEnvironment");
  });

  it("says that https is required when the scheme is wrong", () => {
    expect(thrownBy(() => parseCustomEndpoint("http://duro.example.com/graphql")).message).toContain("https://");
  });

  it("does not repeat the password of a URL with credentials in its message", () => {
    const error = thrownBy(() => parseCustomEndpoint("https://user:hunter2-secret@duro.example.com/graphql"));
    expect(error.message).not.toContain("hunter2-secret");
    expect(error.message).toContain("API Key");
  });
});
