// The picklists (data sources) through spectral's harness (`harness.dataSource`, input cleaning applied) against
// the sandbox, counting its requests: each returns { key: ID, label } elements, stops at 500, and narrows by search.
import { SANDBOX_LIBRARY, OTHER_LIBRARY, DuroSandbox } from "../fixtures/sandbox";
import { createSeed } from "../fixtures/seed";
import { DuroError } from "../src/client/errors";
import { PICKLIST_LIMIT } from "../src/dataSources/picklists";
import { describeHub, ENDPOINT_CASES, DATA_SOURCE_KEYS, harness, hubConnection, recordingLogger, sandboxConnection, shapeDifferences, useSandbox } from "./support";

const seed = createSeed();
const general = seed.components.filter((component) => component.libraryType === "GENERAL");

type Element = { key: string; label: string };

const picklistOn = (sandbox: () => DuroSandbox, connectionFor: typeof sandboxConnection) => {
  const run = (key: string, params: Record<string, unknown> = {}) =>
    harness.dataSource(key, { connection: connectionFor(sandbox()), ...params }, { logger: recordingLogger().logger });
  return {
    run,
    elements: async (key: string, params?: Record<string, unknown>) => (await run(key, params)).result as Element[],
    failure: async (key: string, params?: Record<string, unknown>): Promise<DuroError> => {
      const error: unknown = await run(key, params).then(
        () => new Error(`Expected ${key} to fail`),
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(DuroError);
      return error as DuroError;
    },
  };
};

/** Which picklist each Duro ID input offers its values from. */
const PICKLIST_OF_INPUT: Record<string, string> = {
  componentId: "selectComponent",
  changeOrderId: "selectChangeOrder",
  library: "selectLibrary",
  libraryId: "selectLibrary",
  webhookId: "selectWebhook",
};

describe("the component offers the picklists", () => {
  it("on every input that takes a Duro ID, by spectral's dataSource", () => {
    const steps = [...Object.values(harness.component.actions), ...Object.values(harness.component.triggers), ...Object.values(harness.component.dataSources)];
    const idInputs = steps.flatMap((step) => step.inputs.filter((input) => input.key in PICKLIST_OF_INPUT).map((input) => ({ step: step.key, ...input })));
    expect(new Set(idInputs.map((input) => input.key))).toEqual(new Set(Object.keys(PICKLIST_OF_INPUT)));
    for (const input of idInputs) {
      expect({ step: input.step, key: input.key, dataSource: input.dataSource }).toEqual({ step: input.step, key: input.key, dataSource: PICKLIST_OF_INPUT[input.key] });
      expect(Object.keys(harness.component.dataSources)).toContain(input.dataSource);
    }
  });

  it("with a label, a description and labelled inputs", () => {
    expect(Object.keys(harness.component.dataSources).sort()).toEqual([...DATA_SOURCE_KEYS]);
    for (const key of DATA_SOURCE_KEYS) {
      const { display, dataSourceType, inputs } = harness.component.dataSources[key];
      expect(dataSourceType).toBe("picklist");
      expect(display.label).toBeTruthy();
      expect(display.description).toBeTruthy();
      expect(inputs.every((input) => Boolean(input.label))).toBe(true);
    }
  });
});

describe.each(ENDPOINT_CASES)("selectComponent, $name dialect", ({ dialect, hubVariant, connectionFor: connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant });
  const { run, elements } = picklistOn(sandbox, connectionFor);

  it(`without a search offers the first ${PICKLIST_LIMIT} components, read in pages of 100`, async () => {
    const result = await elements("selectComponent");
    expect(result).toHaveLength(PICKLIST_LIMIT);
    expect(result[0]).toEqual({ key: general[0].id, label: `${general[0].cpn} · ${general[0].name}` });
    expect(result.map((element) => element.key)).toEqual(general.slice(0, PICKLIST_LIMIT).map((component) => component.id));
    expect(sandbox().requests).toHaveLength(PICKLIST_LIMIT / 100);
  });

  it("with a search offers the components whose name or CPN contains it", async () => {
    const result = await elements("selectComponent", { search: "Motor 12" });
    const expected = general.filter((component) => component.name.includes("Motor 12") || component.cpn.includes("Motor 12"));
    expect(expected.length).toBeGreaterThan(1);
    expect(result.map((element) => element.key)).toEqual(expected.map((component) => component.id));
    // Duro Hub searches on the server: one request. Classic has no search: the library is read page by page.
    expect(sandbox().requests).toHaveLength(dialect === "hub" ? 1 : Math.ceil(general.length / 100));
  });

  it(dialect === "classic" ? "with Library Type PERSONAL offers the sandbox library's components" : "refuses Library Type PERSONAL before any request", async () => {
    if (dialect === "classic") {
      const personal = seed.components.filter((component) => component.libraryType === "PERSONAL");
      expect(personal.length).toBeGreaterThan(0);
      const result = await elements("selectComponent", { libraryType: "PERSONAL" });
      expect(result.map((element) => element.key)).toEqual(personal.slice(0, PICKLIST_LIMIT).map((component) => component.id));
    } else {
      const error: unknown = await run("selectComponent", { libraryType: "PERSONAL" }).catch((reason: unknown) => reason);
      expect(error).toMatchObject({ kind: "invalid-input", input: "libraryType" });
      expect(sandbox().requests).toHaveLength(0);
    }
  });

  it("returns what its examplePayload shows", async () => {
    const result = await run("selectComponent", { search: "Resistor 1" });
    expect(shapeDifferences(result, harness.component.dataSources.selectComponent.examplePayload)).toEqual([]);
  });
});

describe.each(ENDPOINT_CASES)("selectChangeOrder, $name dialect", ({ dialect, hubVariant, connectionFor: connectionFor }) => {
  const sandbox = useSandbox({ dialect, hubVariant });
  const { run, elements } = picklistOn(sandbox, connectionFor);

  it("offers the change orders of a status, labelled by number (classic) and name", async () => {
    const result = await elements("selectChangeOrder", { status: "DRAFT" });
    const expected = seed.changeOrders.filter((order) => order.status === "DRAFT");
    expect(result.map((element) => element.key)).toEqual(expected.map((order) => order.id));
    expect(result[0].label).toBe(dialect === "classic" ? `${expected[0].con} · ${expected[0].name}` : expected[0].name);
  });

  it("without a status offers every change order, read in pages of 100", async () => {
    const result = await elements("selectChangeOrder");
    expect(result).toHaveLength(seed.changeOrders.length);
    expect(sandbox().requests).toHaveLength(Math.ceil(seed.changeOrders.length / 100));
  });

  it("returns what its examplePayload shows", async () => {
    const result = await run("selectChangeOrder");
    expect(shapeDifferences(result, harness.component.dataSources.selectChangeOrder.examplePayload)).toEqual([]);
  });
});

describe("selectUser and selectLibrary on classic Duro", () => {
  const sandbox = useSandbox();
  const { run, elements, failure } = picklistOn(sandbox, sandboxConnection);

  it("selectUser offers every user of the company by name and email, in one request", async () => {
    const result = await elements("selectUser");
    expect(result).toEqual(seed.users.map((user) => ({ key: user.id, label: `${user.firstName} ${user.lastName} (${user.email})` })));
    expect(sandbox().requests).toHaveLength(1);
    expect(shapeDifferences(await run("selectUser"), harness.component.dataSources.selectUser.examplePayload)).toEqual([]);
  });

  it("selectLibrary fails before any request: libraries are a Duro Hub idea", async () => {
    const error = await failure("selectLibrary");
    expect(error).toMatchObject({ kind: "invalid-input", input: "duroEnvironment" });
    expect(sandbox().requests).toHaveLength(0);
  });
});

describeHub("selectLibrary and selectUser", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant });
  const { run, elements, failure } = picklistOn(sandbox, hubConnection);

  it("selectLibrary offers the organization's libraries by name, valued by ID, in one request", async () => {
    await expect(elements("selectLibrary")).resolves.toEqual([
      { key: SANDBOX_LIBRARY.id, label: SANDBOX_LIBRARY.name },
      { key: OTHER_LIBRARY.id, label: OTHER_LIBRARY.name },
    ]);
    expect(sandbox().requests).toHaveLength(1);
    expect(shapeDifferences(await run("selectLibrary"), harness.component.dataSources.selectLibrary.examplePayload)).toEqual([]);
  });

  it("selectWebhook offers the library's webhooks by name and URL, valued by ID", async () => {
    const created = (await harness.action("createWebhook", { connection: hubConnection(sandbox()), name: "Picklist hook", url: "https://hooks.example.com/picklist", events: ["COMPONENT_UPDATED"] }))
      ?.data as { id: string };
    const result = await elements("selectWebhook");
    expect(result).toContainEqual({ key: created.id, label: "Picklist hook (https://hooks.example.com/picklist)" });
    expect(shapeDifferences(await run("selectWebhook"), harness.component.dataSources.selectWebhook.examplePayload)).toEqual([]);
  });

  it("selectUser fails before any request: Duro Hub documents no user list", async () => {
    const error = await failure("selectUser");
    expect(error).toMatchObject({ kind: "invalid-input", input: "duroEnvironment" });
    expect(error.message).toContain("Raw Request");
    expect(sandbox().requests).toHaveLength(0);
  });
});
