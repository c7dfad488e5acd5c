// What Prismatic shows about the component before anything runs: its category and documentation link, every input's
// comments and placeholder or example, and the output schemas a flow maps from, checked against what the actions
// really return (on each dialect that offers them) and against their example payloads.
import { DuroSandbox } from "../fixtures/sandbox";
import { harness, hubConnection, runAction, sandboxConnection, useSandbox } from "./support";

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

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

const typeOf = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
};

/** Where `value` breaks `schema` (the parts of JSON Schema the output schemas use: type, properties, required, items). */
const violations = (value: unknown, schema: JsonSchema, path = "data"): string[] => {
  const allowed = schema.type === undefined ? undefined : [schema.type].flat();
  const actual = typeOf(value);
  if (allowed && !allowed.includes(actual) && !(actual === "integer" && allowed.includes("number"))) return [`${path}: ${actual}, the schema says ${allowed.join(" | ")}`];
  if (actual === "object") {
    const record = value as Record<string, unknown>;
    const missing = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key}: required, missing`);
    const wrong = Object.entries(schema.properties ?? {}).flatMap(([key, property]) => (key in record ? violations(record[key], property, `${path}.${key}`) : []));
    return [...missing, ...wrong];
  }
  if (actual === "array" && schema.items) return (value as unknown[]).flatMap((item, index) => violations(item, schema.items as JsonSchema, `${path}[${index}]`));
  return [];
};

/** The keys a schema declares at the top of its data, so a schema that describes nothing cannot pass. */
const declaredKeys = (schema: JsonSchema): string[] => Object.keys(schema.properties ?? {});

const schemaOf = (key: string): JsonSchema => {
  const declared = harness.component.actions[key].outputSchema as { type: string; schema: string } | undefined;
  if (!declared) throw new Error(`${key} has no outputSchema`);
  expect(declared.type).toBe("actionOutput");
  return JSON.parse(declared.schema) as JsonSchema;
};

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

  it("are declared on every action in the table, and only those", () => {
    const declared = Object.values(harness.component.actions)
      .filter((action) => action.outputSchema)
      .map((action) => action.key)
      .sort();
    expect(declared).toEqual([...new Set(RUNS.map(([key]) => key))].sort());
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
