// What Prismatic shows about the component before anything runs: its category and documentation link, every input's
// comments and placeholder or example, and the output schemas a flow maps from, checked against what the actions
// really return (on each dialect that offers them) and against their example payloads.
import { DuroSandbox } from "../fixtures/sandbox";
import { declaredKeys, harness, hubConnection, JsonSchema, runAction, sandboxConnection, schemaOf, useSandbox, violations } from "./support";

describe("component metadata", () => {
  it("is an Application Connector with a documentation link", () => {
    expect(harness.component.display.category).toBe("Application Connectors");
    expect(new URL(harness.component.documentationUrl ?? "").protocol).toBe("https:");
  });

  const steps = [
    ...Object.values(harness.component.actions).map((step) => ({ kind: "action", key: step.key, inputs: step.inputs })),
    ...Object.values(harness.component.triggers).map((step) => ({ kind: "trigger", key: step.key, inputs: step.inputs })),
    ...Object.values(harness.component.dataSources).map((step) => ({ kind: "data source", key: step.key, inputs: step.inputs })),
    ...harness.component.connections.map((connection) => ({ kind: "connection", key: connection.key, inputs: connection.inputs })),
  ];
  const inputs = steps.flatMap(({ kind, key, inputs: stepInputs }) =>
    stepInputs.map((input) => ({ where: `${kind} ${key}, input ${input.key}`, input: input as { comments?: string; placeholder?: string; example?: string } })),
  );

  it.each(inputs)("$where has comments and a placeholder or example", ({ input }) => {
    expect(input.comments?.trim()).toBeTruthy();
    expect((input.placeholder ?? input.example ?? "").trim()).toBeTruthy();
  });
});

type Params = (sandbox: DuroSandbox) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** Every action with an output schema, run on each dialect that offers it. */
const RUNS: Array<[key: string, dialect: "classic" | "hub", params: Params]> = [
  ["getComponentById", "classic", () => ({ componentId: "cmp-00001" })],
  ["getComponentById", "hub", () => ({ componentId: "cmp-00001" })],
  ["listComponents", "classic", () => ({ first: "3" })],
  ["listComponents", "hub", () => ({ first: "3" })],
  ["searchComponents", "classic", () => ({ name: "Resistor", first: "5" })],
  ["searchComponents", "hub", () => ({ name: "Resistor", first: "5" })],
  ["createChangeOrder", "classic", () => ({ name: "Schema check" })],
  ["createChangeOrder", "hub", () => ({ name: "Schema check" })],
  ["listChangeOrders", "classic", () => ({ first: "3" })],
  ["listChangeOrders", "hub", () => ({ first: "3" })],
  ["getChangeOrderById", "hub", () => ({ changeOrderId: "co-00001" })],
  ["listCompanyUsers", "classic", () => ({})],
  ["listLibraries", "hub", () => ({})],
  [
    "listWebhooks",
    "hub",
    async (sandbox) => {
      await runAction("createWebhook", { connection: hubConnection(sandbox), name: "Schema hook", url: "https://hooks.example.com/schema", events: ["COMPONENT_UPDATED"] });
      return {};
    },
  ],
];

describe("output schemas", () => {
  const sandboxes = { classic: useSandbox(), hub: useSandbox({ dialect: "hub" }) };

  // Every output schema is checked against its action's real output in test/everyAction.test.ts; the runs here add
  // the other dialect where an action has both.
  it("are declared on every action this table runs", () => {
    expect([...new Set(RUNS.map(([key]) => key))].filter((key) => !harness.component.actions[key].outputSchema)).toEqual([]);
  });

  it.each(RUNS)("%s on %s: the real output matches the schema", async (key, dialect, params) => {
    const sandbox = sandboxes[dialect]();
    const connection = dialect === "hub" ? hubConnection(sandbox) : sandboxConnection(sandbox);
    const result = await runAction(key, { connection, ...(await params(sandbox)) });
    const schema = schemaOf(key);
    expect(declaredKeys(schema).length).toBeGreaterThan(0);
    const data = result?.data as Record<string, unknown>;
    expect(violations(data, schema)).toEqual([]);
    // A list must have something in it, or its item schema was not checked.
    if (Array.isArray(data.items)) expect(data.items.length).toBeGreaterThan(0);
  });

  it.each([...new Set(RUNS.map(([key]) => key))])("%s: the example payload matches the schema", (key) => {
    const example = harness.component.actions[key].examplePayload as { data: unknown };
    expect(violations(example.data, schemaOf(key))).toEqual([]);
  });

  it("the checker itself refuses what breaks a schema", () => {
    const schema: JsonSchema = { type: "object", required: ["id"], properties: { id: { type: "string" }, items: { type: "array", items: { type: ["string", "null"] } } } };
    expect(violations({ items: [1] }, schema)).toEqual(["data.id: required, missing", "data.items[0]: integer, the schema says string | null"]);
  });
});
