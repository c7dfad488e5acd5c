// Every Duro Hub operation that keeps a document for Duro Hub's older shape (documents.hub = [newest, legacy]) does
// the same job on both: the newest variant against the newest sandbox, the legacy variant against a sandbox serving
// the older shape (hubVariant "legacy"), each a real round trip through the connector's client, and both answers in
// the same (newest) shape with the same records. Operations are found by enumerating src/operations and its
// subfolders, so a new variant without a case here fails this suite.
// These hand perform one variant on its own; the action suites run over both shapes through the connector's
// adaptive path (describeHub in test/support.ts), and the last suite here counts what that adaptation costs.
import { DuroSandbox, SANDBOX_LIBRARY, startSandbox } from "../fixtures/sandbox";
import { createSeed, SeedData } from "../fixtures/seed";
import { documentFacts } from "../src/client/documentFacts";
import { DuroClient } from "../src/client/duroClient";
import { DuroError } from "../src/client/errors";
import { DialectQuery, Operation, perform } from "../src/operations/dialects";
import { hubConnection, operationModules, recordingLogger, runAction, shapeDifferences, SMALL_SEED, useSandbox } from "./support";

type AnyOperation = Operation<unknown, unknown>;

/** [module.export, operation] for every exported operation with a variant for Duro Hub's older shape (its last). */
const variantOperations: Array<[string, AnyOperation]> = operationModules().flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter(
      (entry): entry is [string, AnyOperation] =>
        Array.isArray((entry[1] as AnyOperation | undefined)?.documents?.hub) &&
        ((entry[1] as AnyOperation).documents.hub as Array<DialectQuery<unknown, unknown>>).some((query) => documentFacts(query.document).operationName?.endsWith("Legacy")),
    )
    .map(([name, operation]): [string, AnyOperation] => [`${module}.${name}`, operation]),
);

const seed = createSeed(SMALL_SEED);
const general = seed.components.filter((component) => component.libraryType === "GENERAL");
const since = general[20].lastModified;
const changeOrdersSince = seed.changeOrders[5].lastModified;

/** Arguments each operation is run with on both shapes, what both answers must hold (given the sandbox's data then), and what to set up first. */
const CASES: Record<string, { args: unknown; check: (result: unknown, data: SeedData) => void; prepare?: (sandbox: DuroSandbox) => void }> = {
  "changeOrders.LIST_CHANGE_ORDERS": {
    args: { status: "OPEN", first: 100 },
    check: (page) => expect(ids(page)).toEqual(seed.changeOrders.filter((order) => order.status === "OPEN").map((order) => order.id)),
  },
  "changeOrders.CREATE_CHANGE_ORDER": {
    args: { name: "Made on both shapes", description: "From the variants test", type: "ECO" },
    check: (created) => expect(created).toMatchObject({ id: `co-${String(seed.changeOrders.length + 1).padStart(5, "0")}`, name: "Made on both shapes" }),
  },
  "changeOrders.GET_CHANGE_ORDER": {
    args: { changeOrderId: "co-00002" },
    check: (changeOrder) => expect(changeOrder).toMatchObject({ id: "co-00002", name: seed.changeOrders[1].name }),
  },
  "changes.CHANGED_COMPONENTS": {
    args: { since, first: 100 },
    check: (page) => expect(ids(page)).toEqual(general.filter((component) => component.lastModified >= since).map((component) => component.id)),
  },
  "changes.CHANGED_CHANGE_ORDERS": {
    args: { since: changeOrdersSince, first: 100 },
    check: (page, data) => {
      const expected = data.changeOrders.filter((order) => order.lastModified >= changeOrdersSince).map((order) => order.id);
      expect(expected.length).toBeGreaterThan(2);
      expect(ids(page)).toEqual(expected);
    },
  },
  "components.GET_COMPONENT": {
    args: { componentId: "cmp-00003" },
    check: (component) => expect(component).toMatchObject({ id: "cmp-00003", revisionValue: "C", status: { name: "PRODUCTION" }, category: { name: "Assembly" } }),
  },
  "components.LIST_COMPONENTS": {
    args: { libraryType: "GENERAL", first: 5 },
    check: (page) => {
      expect(ids(page)).toEqual(general.slice(0, 5).map((component) => component.id));
      expect(page).toMatchObject({ totalCount: general.length, pageInfo: { hasNextPage: true } });
    },
  },
  "components.GET_COMPONENTS_BY_IDS": {
    args: { ids: ["cmp-00002", "cmp-00001"] },
    check: (components) => expect((components as Array<{ id: string }>).map((component) => component.id).sort()).toEqual(["cmp-00001", "cmp-00002"]),
  },
  "components.SEARCH_COMPONENTS": {
    args: { name: "sensor", status: "DESIGN", match: "all", first: 100 },
    check: (page) => expect(ids(page)).toEqual(general.filter((component) => component.name.startsWith("Sensor") && component.status === "DESIGN").map((component) => component.id)),
  },
  "webhooks.CREATE_WEBHOOK": {
    args: { name: "Made on both shapes", url: "https://hooks.example.com/variants", events: ["COMPONENT_UPDATED"], libraryId: SANDBOX_LIBRARY.id },
    check: (webhook) => expect(webhook).toMatchObject({ name: "Made on both shapes", isEnabled: true, events: ["COMPONENT_UPDATED"] }),
  },
  "webhooks.LIST_WEBHOOKS": {
    args: { libraryId: SANDBOX_LIBRARY.id },
    check: (page) => {
      expect(page).toMatchObject({ pageInfo: { hasNextPage: false } });
      expect(ids(page)).toContain("wh-variants");
    },
    prepare: (sandbox) => {
      const { webhooks } = sandbox.hubStore.webhooks;
      if (webhooks.some(({ id }) => id === "wh-variants")) return;
      const at = "2025-01-01T00:00:00.000Z";
      webhooks.push({ id: "wh-variants", libraryId: SANDBOX_LIBRARY.id, name: "Listed on both shapes", description: null, url: "https://hooks.example.com/listed", events: ["COMPONENT_CREATED"], isEnabled: true, isArchived: false, signingSecret: null, timeoutSeconds: 30, maxRetries: 3, createdAt: at, updatedAt: at });
    },
  },
};

/** The IDs of a page's items. */
const ids = (page: unknown): string[] => (page as { items: Array<{ id: string }> }).items.map((item) => item.id);

// The newest variant comes first, the older shape's last (alternatives between them are tested in hubAlternatives.test.ts).
const HUB_SHAPES = [
  ["newest", 0],
  ["legacy", -1],
] as const;

describe("Duro Hub operations with a variant per shape", () => {
  it("have a case here for each of them", () => {
    expect(variantOperations.map(([name]) => name).sort()).toEqual(Object.keys(CASES).sort());
  });

  const newest = useSandbox({ dialect: "hub", seed: SMALL_SEED });
  const legacy = useSandbox({ dialect: "hub", hubVariant: "legacy", seed: SMALL_SEED });
  const clientFor = (sandbox: typeof newest) => new DuroClient(hubConnection(sandbox()).fields, { logger: recordingLogger().logger, debug: false });
  /** The operation with only its `index`th Duro Hub variant (from the end if negative), as perform would run it once chosen. */
  const variant = (operation: AnyOperation, index: number): AnyOperation => ({
    ...operation,
    documents: { hub: (operation.documents.hub as Array<DialectQuery<unknown, unknown>>).at(index) as DialectQuery<unknown, unknown> },
  });

  describe.each(variantOperations)("%s", (name, operation) => {
    const results: Partial<Record<"newest" | "legacy", unknown>> = {};

    it.each(HUB_SHAPES)("its %s variant works against a sandbox of that shape", async (shape, index) => {
      const sandbox = shape === "newest" ? newest : legacy;
      CASES[name].prepare?.(sandbox());
      const result = await perform(clientFor(sandbox), variant(operation, index), CASES[name].args);
      CASES[name].check(result, sandbox().data);
      expect(sandbox().requests).toHaveLength(1);
      results[shape] = result;
    });

    it("answers in the same shape on both", () => {
      expect(results.newest).toBeDefined();
      expect(shapeDifferences(results.legacy, results.newest)).toEqual([]);
    });
  });

  it.each(["webhooks.CREATE_WEBHOOK", "webhooks.LIST_WEBHOOKS"])("%s on the older shape without a library ID fails before sending, naming Library ID", async (name) => {
    const operation = variantOperations.find(([candidate]) => candidate === name)?.[1] as AnyOperation;
    const args = Object.fromEntries(Object.entries(CASES[name].args as Record<string, unknown>).filter(([key]) => key !== "libraryId"));
    const error = await perform(clientFor(legacy), variant(operation, -1), args).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DuroError);
    expect(error).toMatchObject({ kind: "invalid-input", input: "libraryId" });
    expect(legacy().requests).toHaveLength(0);
  });
});

describe("adapting to Duro Hub's older shape, counted", () => {
  let sandbox: DuroSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ dialect: "hub", hubVariant: "legacy", seed: SMALL_SEED });
  });
  afterAll(async () => sandbox.stop());

  // One request each once adapted.
  const steps: Array<[string, Record<string, unknown>]> = [
    ["listComponents", {}],
    ["getComponentById", { componentId: seed.components[0].id }],
    ["searchComponents", { name: "Sensor" }],
    ["getComponentsByIds", { componentIds: seed.components.slice(0, 3).map((component) => component.id).join(",") }],
    ["listChangeOrders", {}],
    ["getChangeOrderById", { changeOrderId: seed.changeOrders[1].id }],
    ["createChangeOrder", { name: "Counted", description: "Adaptation cost" }],
  ];

  it("costs the first step two extra requests (the refused document, one schema read); every later step and connection none", async () => {
    const { lines, logger } = recordingLogger();
    for (const [key, params] of steps) await runAction(key, { connection: hubConnection(sandbox), debugRequest: "true", ...params }, { logger });
    const names = sandbox.requests.map((request) => request.operationName);
    expect(names.slice(0, 3)).toEqual(["ListComponents", "IntrospectionQuery", "ListComponentsLegacy"]);
    expect(names).toHaveLength(steps.length + 2);
    expect(names.filter((name) => name === "IntrospectionQuery")).toHaveLength(1);
    expect(names.slice(3).every((name) => name?.endsWith("Legacy"))).toBe(true);
    expect(lines.join("\n")).toContain("sending variant 2 of its documents");

    sandbox.clearRequests();
    await runAction("listComponents", { connection: hubConnection(sandbox) });
    expect(sandbox.requests.map((request) => request.operationName)).toEqual(["ListComponentsLegacy"]);
  });
});

describe("a step input only the older shape takes, on an endpoint whose schema is not read yet", () => {
  let sandbox: DuroSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ dialect: "hub", hubVariant: "legacy", seed: SMALL_SEED });
  });
  afterAll(async () => sandbox.stop());

  it("lets the endpoint's schema choose: the newest variant refuses a change order type, the older shape's takes it", async () => {
    const { data } = (await runAction("listChangeOrders", { connection: hubConnection(sandbox), type: "ECO", first: "100" })) as { data: { items: Array<{ id: string }> } };
    expect(data.items.map((item) => item.id)).toEqual(seed.changeOrders.filter((order) => order.type === "ECO").map((order) => order.id));
    // Nothing is sent that the newest variant refused: the schema read, then the older shape's document.
    expect(sandbox.requests.map((request) => request.operationName)).toEqual(["IntrospectionQuery", "ListChangeOrdersLegacy"]);
  });
});
