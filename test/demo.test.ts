// `npm run demo` as a newcomer runs it: every step as expected in one screen per dialect, a wrong setting stopped
// with one message naming the variable, and a real account (here a sandbox reached through DURO_API_KEY and
// DURO_ENDPOINT) left unchanged unless DURO_DEMO_CREATE=1.
import { SANDBOX_LIBRARY, SANDBOX_ORGANIZATION } from "../fixtures/sandbox";
import { runDemo } from "../scripts/demo/run";
import { SMALL_SEED, useSandbox } from "./support";

const demo = async (env: Record<string, string> = {}, args: string[] = []) => {
  const lines: string[] = [];
  const exitCode = await runDemo({ args, env, print: (text) => lines.push(...text.split("\n")) });
  return { exitCode, lines };
};

describe("npm run demo against the embedded sandbox", () => {
  it("runs every step as expected in under 200 lines, errors on purpose marked as expected, full output only for --show", async () => {
    const { exitCode, lines } = await demo({}, ["--show", "listLibraries"]);
    expect(exitCode).toBe(0);
    expect(lines.length).toBeLessThan(200);
    expect(lines.filter((line) => line.includes("✗"))).toEqual([]);
    expect(lines.filter((line) => /→ expected (connection )?error \(/.test(line))).toHaveLength(8);
    expect(lines.filter((line) => line.includes("→ expected connection error ("))).toHaveLength(2);
    const line = (text: string) => lines.find((candidate) => candidate.includes(text)) ?? "";
    expect(line("Check Connection · the connection → classic")).toMatch(/classic, authenticated, .*1 warning: The API key expires on .*, in 10 day\(s\)/);
    expect(line("Check Connection · a wrong API key")).toContain("reported, not thrown: classic, not authenticated");
    expect(line("Check Connection · an endpoint with modifiedAt")).toContain('pollChanges not: Changed Components: Cannot query field "updatedAt"');
    expect(line("older shape, first read")).toContain("3 requests (+2");
    expect(line("the older shape again")).toContain("1 request (+0)");
    expect(line("a custom URL that redirects")).toMatch(/expected connection error \(invalid-input\): redirect to http:\/\/127\.0\.0\.1:\d+\/graphql refused, not followed; it received 0 requests/);
    expect(line('"https://gov.duro.us/graphql"')).toContain("ITAR, classic, https://app.govduro.us/graphql");
    expect(lines.find((line) => line.includes("Search Components · Bracket in PRODUCTION"))).toContain("20 items, cut at Max Items · 102-00003 Bracket 3");
    expect(lines.filter((line) => line.includes('"name": "Robot Arm Library"'))).toHaveLength(1);
    expect(lines.some((line) => line.includes('"cpn"'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^Demo finished: all \d+ steps ran as expected/);
  });
});

describe("npm run demo with a wrong setting", () => {
  it.each([
    [{ DURO_ENVIRONMENT: "eu" }, "DURO_ENVIRONMENT is set but DURO_API_KEY is not"],
    [{ DURO_API_KEY: "a-key-of-some-length", DURO_ENVIRONMENT: "europe" }, 'DURO_ENVIRONMENT is "europe", which is not a Duro environment'],
    [{ DURO_API_KEY: "a-key-of-some-length", DURO_ENVIRONMENT: "hub" }, "DURO_ORGANIZATION is required with DURO_ENVIRONMENT=hub"],
    [{ DURO_API_KEY: "a-key-of-some-length", DURO_ENDPOINT: "http://duro.example.com/graphql" }, "DURO_ENDPOINT"],
    [{ DURO_API_KEY: "a-key-of-some-length", DURO_DEMO_CREATE: "yes" }, "DURO_DEMO_CREATE"],
    [{ DURO_ENV: "hub" }, "DURO_ENV is not a demo setting"],
  ])("%j stops at once with one message naming the variable", async (env, message) => {
    const { exitCode, lines } = await demo(env);
    expect(exitCode).toBe(2);
    expect(lines).toEqual([expect.stringContaining(message)]);
    expect(lines[0]).not.toContain("a-key-of-some-length");
  });
});

describe.each([
  ["classic", {}],
  ["hub", { DURO_ENVIRONMENT: "hub", DURO_ORGANIZATION: SANDBOX_ORGANIZATION.slug, DURO_LIBRARY: SANDBOX_LIBRARY.slug }],
] as const)("npm run demo on a Duro account (DURO_API_KEY), %s dialect", (dialect, settings) => {
  const sandbox = useSandbox({ dialect, seed: SMALL_SEED });
  const account = () => ({ DURO_API_KEY: sandbox().apiKey, DURO_ENDPOINT: sandbox().url, ...settings });
  const mutations = () => sandbox().requests.filter((request) => request.query?.trimStart().startsWith("mutation"));

  it("only reads, and says which steps it skipped", async () => {
    const { exitCode, lines } = await demo(account());
    expect(exitCode).toBe(0);
    expect(mutations()).toEqual([]);
    expect(lines.find((line) => line.includes("Create Change Order"))).toContain("skipped: changes data: set DURO_DEMO_CREATE=1");
    expect(lines.filter((line) => line.includes("skipped: runs on the embedded sandbox only")).length).toBeGreaterThan(0);
  });

  it("stops after Check Connection, the first step, when Duro refuses the key, instead of repeating the error", async () => {
    const { exitCode, lines } = await demo({ ...account(), DURO_API_KEY: "not-the-sandbox-key" });
    expect(exitCode).toBe(1);
    expect(lines.filter((line) => /^ *\d+ .*✗/.test(line))).toEqual([expect.stringMatching(/^ +1 .*Check Connection · the connection → ✗ .*not authenticated.*: Duro did not accept the connection$/)]);
    expect(lines).toContainEqual(expect.stringContaining("Stopped: Duro refused the API key: check DURO_API_KEY"));
    expect(sandbox().requests).toHaveLength(1);
  });

  it("creates records with DURO_DEMO_CREATE=1", async () => {
    const { exitCode } = await demo({ ...account(), DURO_DEMO_CREATE: "1" });
    expect(exitCode).toBe(0);
    expect(mutations().length).toBeGreaterThan(0);
  });
});

describe("npm run demo on a Duro Hub account whose organization is not the key's", () => {
  const sandbox = useSandbox({ dialect: "hub", seed: SMALL_SEED });

  it("stops after Check Connection, naming DURO_ORGANIZATION and DURO_LIBRARY, instead of failing every step", async () => {
    const { exitCode, lines } = await demo({ DURO_API_KEY: sandbox().apiKey, DURO_ENDPOINT: sandbox().url, DURO_ENVIRONMENT: "hub", DURO_ORGANIZATION: "@no-such-org" });
    expect(exitCode).toBe(1);
    expect(lines.filter((line) => /^ *\d+ .*✗/.test(line))).toEqual([expect.stringMatching(/^ +1 .*Check Connection · the connection → ✗ hub, authenticated, no identity/)]);
    expect(lines).toContainEqual(expect.stringContaining("Stopped: Duro Hub refused the organization or library: check DURO_ORGANIZATION and DURO_LIBRARY"));
  });
});
