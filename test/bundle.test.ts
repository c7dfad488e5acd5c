// The webpack bundle that gets published (dist/index.js + dist/icon.png): its metadata, its icon, and every action
// run from the bundle itself against the sandbox. `npm test` builds it before jest runs.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type duroComponent from "../src";
import { paramsFor as validParamsFor } from "./actionParams";
import { ALL_ACTION_KEYS, DATA_SOURCE_KEYS, describeHub, HUB_ACTION_KEYS, hubConnection, runAction, runsOnHubShape, sandboxConnection, SEED_ACTION_KEYS, useSandbox } from "./support";

const BUNDLE = path.resolve("dist/index.js");
const ICON = path.resolve("dist/icon.png");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type Bundle = typeof duroComponent;

/** The component as the bundle exports it; fails with what to do when the bundle was not built. */
const loadBundle = (): Bundle => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build (npm test does it before jest).`);
  const bundle = jest.requireActual<{ default?: Bundle }>(BUNDLE).default;
  if (!bundle) throw new Error(`${BUNDLE} has no default export: run npm run build to rebuild it.`);
  return bundle;
};

describe("the bundle's component", () => {
  const bundle = loadBundle();

  it('has the key "duro-plm" and the connection "duroApiKey"', () => {
    expect(bundle.key).toBe("duro-plm");
    expect(bundle.connections.map((connection) => connection.key)).toEqual(["duroApiKey"]);
  });

  it("has the seven seed actions and the later ones", () => {
    expect(Object.keys(bundle.actions).sort()).toEqual([...ALL_ACTION_KEYS].sort());
  });

  it("has the picklists", () => {
    expect(Object.keys(bundle.dataSources).sort()).toEqual([...DATA_SOURCE_KEYS].sort());
  });

  it.each([...ALL_ACTION_KEYS])("%s has a label, a description and a label on every input", (key) => {
    const { display, inputs } = bundle.actions[key];
    expect(display.label.trim()).not.toBe("");
    expect(display.description.trim()).not.toBe("");
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((input) => !input.label?.trim()).map((input) => input.key)).toEqual([]);
  });

  it("leaves out spectral's testing harness (jest-mock), which the component never runs", () => {
    const source = readFileSync(BUNDLE, "utf8");
    expect(source).not.toContain("jest-mock");
    expect(source).not.toContain("mockImplementationOnce");
  });

  // Each marker is code only that part has; webpack.config.js says why the component never runs it.
  it.each([
    ["axios (spectral's invokeFlow), with its MIME table", "application/vnd.ms-excel"],
    ["all of date-fns (spectral's branch conditions)", "eachWeekendOfInterval"],
    ["spectral's code-native integration support", "convertConfigPages"],
    ["zod's message translations", "Ongeldige invoer"],
    // Validation and the type system may come in for live-schema checks (from graphql's submodules); execution never.
    ["graphql's execution (the connector runs no resolvers)", "defaultFieldResolver"],
  ])("leaves out %s", (_what, marker) => {
    expect(readFileSync(BUNDLE, "utf8")).not.toContain(marker);
  });

  it("is ASCII only, so V8 stores its source at one byte per character", () => {
    const bytes = readFileSync(BUNDLE);
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  it("is minified but keeps class names, so stack traces from the platform still name the connector's code", () => {
    const source = readFileSync(BUNDLE, "utf8");
    expect(source.split("\n").length).toBeLessThan(10);
    expect(source).toContain("class DuroClient");
  });

  it("ships its icon as a PNG next to the bundle", () => {
    expect(bundle.display.iconPath).toBe("icon.png");
    expect(existsSync(ICON)).toBe(true);
    expect(readFileSync(ICON).subarray(0, PNG_SIGNATURE.length)).toEqual(PNG_SIGNATURE);
  });
});

describe("the bundle's actions against the sandbox", () => {
  const sandbox = useSandbox();
  const bundle = loadBundle();
  const paramsFor: Record<string, Record<string, unknown>> = {
    createChangeOrder: { name: "Created from the bundle" },
    getComponentById: { componentId: "cmp-00001" },
  };

  it.each(SEED_ACTION_KEYS)("%s returns data", async (key) => {
    const result = await runAction(key, { connection: sandboxConnection(sandbox()), ...paramsFor[key] }, { component: bundle });
    const { data } = result as { data: unknown };
    expect(data).toEqual(expect.any(Object));
    expect(Object.keys(data as object).length).toBeGreaterThan(0);
    expect(sandbox().requests.length).toBeGreaterThan(0);
  });

  describeHub("Duro Hub", (hubVariant) => {
    const hubSandbox = useSandbox({ dialect: "hub", hubVariant });
    const keys = HUB_ACTION_KEYS.filter((key) => runsOnHubShape(key, hubVariant));
    it.each(keys)("%s returns data", async (key) => {
      const { params, prepare } = validParamsFor(key);
      prepare?.(hubSandbox());
      const result = (await runAction(key, { connection: hubConnection(hubSandbox()), ...params }, { component: bundle })) as { data: unknown };
      expect(Object.keys(result.data as object).length).toBeGreaterThan(0);
    });
  });

  it("checkConnection lists every action and trigger of the bundle (it reads the component's own step list)", async () => {
    const result = (await runAction("checkConnection", { connection: sandboxConnection(sandbox()) }, { component: bundle })) as { data: { actions: Array<{ key: string }> } };
    expect(result.data.actions.map((step) => step.key)).toEqual([...Object.keys(bundle.actions), ...Object.keys(bundle.triggers)].sort());
  });

  it("validates inputs in the bundle too", async () => {
    await expect(
      runAction("listComponents", { connection: sandboxConnection(sandbox()), first: "0" }, { component: bundle }),
    ).rejects.toMatchObject({ kind: "invalid-input", input: "first" });
    expect(sandbox().requests).toHaveLength(0);
  });
});
