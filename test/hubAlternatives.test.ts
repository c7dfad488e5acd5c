// The built bundle (dist/index.js) against Duro Hub sandboxes whose schema differs from ours where Duro's docs leave
// two readings (fixtures/hubAlternatives.ts), one at a time and several at once: each step adapts to the endpoint's
// live schema through the actions, as a Duro Hub written from Duro's docs alone would need. `npm test` builds the
// bundle before jest runs.
import { existsSync } from "node:fs";
import path from "node:path";
import { combinedEdit, HUB_ALTERNATIVES, SchemaEdit, withoutField } from "../fixtures/hubAlternatives";
import { DuroSandbox, startSandbox } from "../fixtures/sandbox";
import { createSeed } from "../fixtures/seed";
import type duroComponent from "../src";
import { hubConnection, recordingLogger, runAction, SMALL_SEED } from "./support";

const BUNDLE = path.resolve("dist/index.js");

const loadBundle = (): typeof duroComponent => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build (npm test does it before jest).`);
  const bundle = jest.requireActual<{ default?: typeof duroComponent }>(BUNDLE).default;
  if (!bundle) throw new Error(`${BUNDLE} has no default export: run npm run build to rebuild it.`);
  return bundle;
};

const bundle = loadBundle();
const seed = createSeed(SMALL_SEED);
const general = seed.components.filter((component) => component.libraryType === "GENERAL");

interface HubComponentOut {
  id: string;
  name: string;
  description: string | null;
  version?: number;
  category?: Record<string, unknown> | null;
  state?: string | null;
}

interface PageOut<T> {
  items: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

/** A sandbox serving the newest Hub schema as `edit` changes it, for one describe block. */
const useEditedSandbox = (edit: SchemaEdit): (() => DuroSandbox) => {
  let sandbox: DuroSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ dialect: "hub", seed: SMALL_SEED, schemaEdit: edit });
  });
  afterAll(async () => sandbox?.stop());
  return () => {
    if (!sandbox) throw new Error("The sandbox is not started.");
    return sandbox;
  };
};

const run = async <T>(sandbox: DuroSandbox, key: string, params: Record<string, unknown>, logger = recordingLogger().logger): Promise<T> =>
  ((await runAction(key, { connection: hubConnection(sandbox), ...params }, { component: bundle, logger })) as { data: T }).data;

const operationNames = (sandbox: DuroSandbox): Array<string | undefined> => sandbox.requests.map((request) => request.operationName);

describe("component mutations taking one input and answering one component", () => {
  const sandbox = useEditedSandbox(HUB_ALTERNATIVES.oneInput);

  it("createComponent adapts once (the refused document, one schema read) and sends one input", async () => {
    const created = await run<HubComponentOut>(sandbox(), "createComponent", { name: "One input", description: "Made with create(input:)" });
    expect(created).toMatchObject({ name: "One input", description: "Made with create(input:)", version: 1 });
    expect(operationNames(sandbox())).toEqual(["CreateComponent", "IntrospectionQuery", "CreateComponentOne"]);
    expect(sandbox().requests[2].variables).toEqual({ input: { name: "One input", description: "Made with create(input:)" } });
    expect(sandbox().data.components.filter((component) => component.name === "One input")).toHaveLength(1);
  });

  it("updateComponent sends id and expectedVersion in the one input, and a stale version is still a conflict", async () => {
    sandbox().clearRequests();
    const target = general[1];
    const updated = await run<HubComponentOut>(sandbox(), "updateComponent", { componentId: target.id, description: "Changed once", expectedVersion: String(target.version) });
    expect(updated).toMatchObject({ id: target.id, description: "Changed once", version: target.version + 1 });
    expect(operationNames(sandbox())).toEqual(["UpdateComponentOne"]);
    expect(sandbox().requests[0].variables).toEqual({ input: { id: target.id, expectedVersion: target.version, description: "Changed once" } });
    await expect(run(sandbox(), "updateComponent", { componentId: target.id, description: "Stale", expectedVersion: String(target.version) })).rejects.toMatchObject({
      kind: "invalid-input",
      input: "expectedVersion",
    });
  });
});

describe.each([
  ["update(id, input) with expectedVersion in the input", HUB_ALTERNATIVES.updateById, "UpdateComponentById", (id: string, version: number) => ({ id, input: { expectedVersion: version, name: "Renamed" } })],
  ["update(id, input, expectedVersion)", HUB_ALTERNATIVES.updateAtVersion, "UpdateComponentAtVersion", (id: string, version: number) => ({ id, input: { name: "Renamed" }, expectedVersion: version })],
] as const)("%s", (_label, edit, operationName, expected) => {
  const sandbox = useEditedSandbox(edit);

  it("updateComponent sends the endpoint's form, keeps the version check, and changes only what was given", async () => {
    const target = general[2];
    const updated = await run<HubComponentOut>(sandbox(), "updateComponent", { componentId: target.id, name: "Renamed", expectedVersion: String(target.version) });
    expect(updated).toMatchObject({ id: target.id, name: "Renamed", version: target.version + 1 });
    const sent = sandbox().requests.filter((request) => request.operationName === operationName);
    expect(sent.map((request) => request.variables)).toEqual([expected(target.id, target.version)]);
    await expect(run(sandbox(), "updateComponent", { componentId: target.id, name: "Stale", expectedVersion: String(target.version) })).rejects.toMatchObject({
      input: "expectedVersion",
    });
  });
});

describe("a component filter without pagination", () => {
  const sandbox = useEditedSandbox(HUB_ALTERNATIVES.unpagedFilter);

  it("searchComponents reads every match in one answer, with nothing to continue from", async () => {
    const result = await run<PageOut<HubComponentOut>>(sandbox(), "searchComponents", { status: "DESIGN", first: "5" });
    const expected = general.filter((component) => component.status === "DESIGN").map((component) => component.id);
    expect(expected.length).toBeGreaterThan(5);
    expect(result.items.map((item) => item.id)).toEqual(expected);
    expect(result).toMatchObject({ pageInfo: { hasNextPage: false, endCursor: null }, totalCount: expected.length });
    expect(operationNames(sandbox()).at(-1)).toBe("SearchComponentsUnpaged");
  });

  it("refuses to continue a search from a cursor before sending, naming After", async () => {
    await expect(run(sandbox(), "searchComponents", { status: "DESIGN", after: "Y3Vyc29yOjQ=" })).rejects.toMatchObject({ kind: "invalid-input", input: "after" });
  });
});

describe("component lists without totalCount", () => {
  const sandbox = useEditedSandbox(HUB_ALTERNATIVES.noTotalCount);

  it("listComponents leaves totalCount out of the document and the output, with a debug note", async () => {
    const { lines, logger } = recordingLogger();
    const result = await run<PageOut<HubComponentOut>>(sandbox(), "listComponents", { first: "3", debugRequest: "true" }, logger);
    expect(result.items.map((item) => item.id)).toEqual(general.slice(0, 3).map((component) => component.id));
    expect(result.pageInfo.hasNextPage).toBe(true);
    expect(result).not.toHaveProperty("totalCount");
    expect(lines.join("\n")).toContain("left out ComponentConnection.totalCount");
  });
});

describe("change order statuses in lower case", () => {
  const sandbox = useEditedSandbox(HUB_ALTERNATIVES.lowercaseChangeOrderEnums);

  it("listChangeOrders sends the status as the endpoint spells it", async () => {
    const result = await run<PageOut<{ id: string; status: string | null }>>(sandbox(), "listChangeOrders", { status: "On Hold", first: "100" });
    expect(result.items.map((item) => item.id)).toEqual(seed.changeOrders.filter((order) => order.status === "ON_HOLD").map((order) => order.id));
    expect(result.items.every((item) => item.status === "on_hold")).toBe(true);
    expect(sandbox().requests.at(-1)?.variables?.filter).toEqual({ status: "on_hold" });
  });
});

describe("a change order filter with only the documented ids", () => {
  const sandbox = useEditedSandbox(HUB_ALTERNATIVES.changeOrderFilterIdsOnly);

  it("listChangeOrders reads the change orders unfiltered and keeps those of the status", async () => {
    const result = await run<PageOut<{ id: string; status: string | null }>>(sandbox(), "listChangeOrders", { status: "open", first: "100" });
    expect(result.items.map((item) => item.id)).toEqual(seed.changeOrders.filter((order) => order.status === "OPEN").map((order) => order.id));
    expect(sandbox().requests.at(-1)).toMatchObject({ operationName: "ListChangeOrdersUnfiltered", variables: { pagination: { first: 100 } } });
  });
});

describe("a Duro Hub that differs from ours in several places at once", () => {
  const sandbox = useEditedSandbox((sdl) =>
    combinedEdit(
      "oneInput",
      "unpagedFilter",
      "noTotalCount",
      "lowercaseChangeOrderEnums",
    )(withoutField(withoutField(withoutField(sdl, "Component", "state"), "Component", "version"), "ComponentCategory", "type")),
  );

  it("runs the Hub steps, adapting once for the endpoint, each output without only what the endpoint lacks", async () => {
    const [first, second] = general;
    const listed = await run<PageOut<HubComponentOut>>(sandbox(), "listComponents", { first: "2" });
    expect(listed.items.map((item) => item.id)).toEqual([first.id, second.id]);
    expect(listed).not.toHaveProperty("totalCount");
    expect(listed.items[0]).not.toHaveProperty("version");
    expect(listed.items[0]).not.toHaveProperty("state");
    expect(listed.items[0].category).toEqual({ id: expect.any(String), name: first.category });

    const one = await run<HubComponentOut>(sandbox(), "getComponentById", { componentId: second.id });
    expect(one).toMatchObject({ id: second.id, name: second.name });

    const found = await run<PageOut<HubComponentOut>>(sandbox(), "searchComponents", { name: "Sensor" });
    expect(found.items.map((item) => item.id)).toEqual(general.filter((component) => component.name.includes("Sensor")).map((component) => component.id));

    const created = await run<HubComponentOut>(sandbox(), "createComponent", { name: "Several places", eid: "ERP-1" });
    expect(created).toMatchObject({ name: "Several places" });
    const updated = await run<HubComponentOut>(sandbox(), "updateComponent", { componentId: created.id, description: "Changed", expectedVersion: "1" });
    expect(updated).toMatchObject({ id: created.id, description: "Changed" });

    const closed = await run<PageOut<{ id: string }>>(sandbox(), "listChangeOrders", { status: "CLOSED", first: "100" });
    expect(closed.items.map((item) => item.id)).toEqual(seed.changeOrders.filter((order) => order.status === "CLOSED").map((order) => order.id));

    // One adaptation for the endpoint: the first step's refused document and one schema read; none after.
    const names = operationNames(sandbox());
    expect(names.filter((name) => name === "IntrospectionQuery")).toHaveLength(1);
    expect(names).toHaveLength(6 + 2);
    expect(names.slice(0, 3)).toEqual(["ListComponents", "IntrospectionQuery", "ListComponents"]);
  });

  it("checkConnection reports every Duro Hub step the connector has a variant for as supported there", async () => {
    const report = await run<{ schema: string; actions: Array<{ key: string; supported: boolean; reason?: string }> }>(sandbox(), "checkConnection", {});
    expect(report.schema).toBe("introspected");
    const unsupported = report.actions.filter((step) => !step.supported).map((step) => step.key);
    expect(report.actions.length).toBeGreaterThan(20);
    // What Duro Hub documents no query for (a BOM, users) stays unsupported; every Hub step here is supported.
    expect(unsupported.sort()).toEqual(["getComponentChildren", "getCurrentUser", "listCompanyUsers"]);
  });
});
