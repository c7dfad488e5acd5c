// A path from the field component (Prismatic's own Duro PLM component): its connection's Duro Environment values
// (URLs) name our environments, and its outputs have a counterpart here (listCompanyUsers carries the company).
import { ENVIRONMENTS, resolveEndpoint } from "../src/connections/endpoint";
import { createSeed } from "../fixtures/seed";
import { runAction, sandboxConnection, SMALL_SEED, useSandbox } from "./support";

const seed = createSeed(SMALL_SEED);

describe("the field component's Duro Environment values", () => {
  it.each([
    ["https://mfg.duro.app/graphql", "mfg", "https://mfg.duro.app/graphql"],
    ["https://eu.duro.app/graphql", "eu", "https://eu.duro.app/graphql"],
    // Its ITAR value is the host Duro corrected in November 2024: ITAR, at the corrected host.
    ["https://gov.duro.us/graphql", "itar", ENVIRONMENTS.itar.url],
    ["https://app.govduro.us/graphql", "itar", ENVIRONMENTS.itar.url],
    ["https://api.durohub.com/graphql", "hub", ENVIRONMENTS.hub.url],
    [" HTTPS://MFG.Duro.App/graphql/ ", "mfg", "https://mfg.duro.app/graphql"],
  ])("%s is the %s environment at %s", (value, environment, url) => {
    const resolved = resolveEndpoint({ apiKey: "key-0123456789abcdef", duroEnvironment: value, organization: "@acme" });
    expect(resolved).toMatchObject({ environment, url, dialect: ENVIRONMENTS[environment as keyof typeof ENVIRONMENTS].dialect });
  });

  it("any other URL is refused, naming the field and the values it takes", () => {
    expect(() => resolveEndpoint({ apiKey: "key-0123456789abcdef", duroEnvironment: "https://duro.example.com/graphql" })).toThrow(
      expect.objectContaining({ kind: "invalid-input", input: "duroEnvironment", message: expect.stringContaining("mfg, itar, eu, hub") }),
    );
  });
});

describe("a connection moved over from the field component", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });

  it("runs actions with its Duro Environment URL as it was (the custom URL pointing at the sandbox)", async () => {
    const connection = sandboxConnection(sandbox(), { duroEnvironment: "https://mfg.duro.app/graphql" });
    const result = await runAction("getCurrentUser", { connection });
    expect(result?.data).toMatchObject({ id: seed.users[0].id, primaryCompany: seed.company });
  });

  it("listCompanyUsers gives the company's id and name with the users, as the field component's output had them", async () => {
    const result = (await runAction("listCompanyUsers", { connection: sandboxConnection(sandbox()) }))?.data as { company: unknown; items: unknown[] };
    expect(result.company).toEqual(seed.company);
    expect(result.items).toHaveLength(seed.users.length);
  });
});
