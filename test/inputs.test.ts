// "Not given" is one rule for every input (isBlank): undefined, null, "" and text of only whitespace behave the same.
// An optional input not given is left out (a switch is off), one with a default takes its default, and a required one
// fails with an error naming it. Checked over every input of every step, every cleaner, and the connection's fields.
import { DuroError } from "../src/client/errors";
import { resolveEndpoint } from "../src/connections/endpoint";
import { RELIABILITY_LIMITS, ReliabilityFields, resolveRequestPolicy } from "../src/connections/reliability";
import { cleanTemplateYaml } from "../src/inputs/changeOrders";
import {
  cleanBoolean,
  cleanChoice,
  cleanContextValue,
  cleanId,
  cleanIdList,
  cleanJsonObject,
  cleanOptionalChoice,
  cleanOptionalId,
  cleanOptionalText,
  cleanOptionalWholeNumber,
  cleanOrderBy,
  cleanRequiredText,
  cleanWholeNumber,
  isBlank,
} from "../src/inputs/cleaners";
import { harness, hubConnection, runAction, useSandbox } from "./support";

const BLANKS: Array<[string, unknown]> = [
  ["undefined", undefined],
  ["null", null],
  ["empty", ""],
  ["two spaces", "  "],
  ["tabs and line breaks", " \t\n "],
];

type Outcome = { value: unknown } | { error: { kind: string; input?: string; message: string } };

const outcomeOf = (clean: (value: unknown) => unknown, value: unknown): Outcome => {
  try {
    return { value: clean(value) };
  } catch (error) {
    if (!(error instanceof DuroError)) throw error;
    return { error: { kind: error.kind, input: error.input, message: error.message } };
  }
};

/** What every blank value gives, after checking that they all give the same. */
const blankOutcome = (clean: (value: unknown) => unknown): Outcome => {
  const [first, ...rest] = BLANKS.map(([, value]) => outcomeOf(clean, value));
  rest.forEach((outcome) => expect(outcome).toEqual(first));
  return first;
};

const requiredError = (key: string) => ({ error: { kind: "invalid-input", input: key, message: expect.stringMatching(new RegExp(`^Invalid input "${key}": .*required`)) } });

describe("isBlank", () => {
  it.each(BLANKS)("%s is not given", (_label, value) => expect(isBlank(value)).toBe(true));

  it.each<[string, unknown]>([
    ["text", "x"],
    ["text with spaces around it", "  x  "],
    ["zero", 0],
    ["false", false],
    ["an empty list", []],
    ["an empty object", {}],
  ])("%s is given", (_label, value) => expect(isBlank(value)).toBe(false));
});

describe("every cleaner reads undefined, null, empty and blank the same way", () => {
  it.each<[string, (value: unknown) => unknown, Outcome]>([
    ["cleanBoolean: off", cleanBoolean("k"), { value: false }],
    ["cleanOptionalWholeNumber: left out", cleanOptionalWholeNumber("k", 1, 10), { value: undefined }],
    ["cleanOptionalText: left out", cleanOptionalText("k"), { value: undefined }],
    ["cleanOptionalId: left out", cleanOptionalId("k", "The ID"), { value: undefined }],
    ["cleanContextValue: left out", cleanContextValue("k"), { value: undefined }],
    ["cleanOptionalChoice: left out", cleanOptionalChoice("k", ["a", "b"]), { value: undefined }],
    ["cleanJsonObject: left out", cleanJsonObject("k"), { value: undefined }],
    ["cleanOrderBy: left out", cleanOrderBy("k", ["name"]), { value: undefined }],
    ["cleanWholeNumber: required", cleanWholeNumber("k", 1, 10), requiredError("k")],
    ["cleanRequiredText: required", cleanRequiredText("k", "The k"), requiredError("k")],
    ["cleanId: required", cleanId("k", "The ID"), requiredError("k")],
    ["cleanChoice: required", cleanChoice("k", ["a", "b"]), requiredError("k")],
    ["cleanIdList: required", cleanIdList("k", 10), requiredError("k")],
    ["cleanTemplateYaml: required", cleanTemplateYaml("k"), requiredError("k")],
  ])("%s", (_label, clean, expected) => {
    expect(blankOutcome(clean)).toEqual(expected);
  });
});

interface StepInput {
  key: string;
  type: string;
  collection?: string;
  required?: boolean;
  default?: unknown;
  clean?: (value: unknown) => unknown;
}

// What "left out" is for an optional input without a default, by what it holds.
const NOTHING: Record<string, unknown> = { valuelist: [], keyvaluelist: {}, boolean: false };

const stepInputs = [
  ...Object.values(harness.component.actions),
  ...Object.values(harness.component.triggers),
  ...Object.values(harness.component.dataSources),
].flatMap((step) =>
  (step.inputs as StepInput[])
    .filter((input): input is StepInput & { clean: (value: unknown) => unknown } => typeof input.clean === "function")
    .map((input) => [`${step.key}.${input.key}`, input] as const),
);

describe("every input of every step reads undefined, null, empty and blank the same way", () => {
  it("covers the inputs of every kind", () => {
    const kinds = new Set(stepInputs.map(([, input]) => `${input.type}${input.collection ? ` ${input.collection}` : ""}`));
    expect([...kinds].sort()).toEqual(["boolean", "code", "password", "string", "string keyvaluelist", "string valuelist", "text"]);
  });

  it.each(stepInputs)("%s", (_where, input) => {
    const outcome = blankOutcome(input.clean);
    if (input.required) expect(outcome).toEqual(requiredError(input.key));
    else if (typeof input.default === "string") expect(outcome).toEqual(outcomeOf(input.clean, input.default));
    else expect(outcome).toEqual({ value: NOTHING[input.collection ?? input.type] });
  });
});

describe("the connection's fields read undefined, null, empty and blank the same way", () => {
  const KEY = "k".repeat(32);
  const blankFields = (fields: Record<string, unknown>) => BLANKS.map(([, value]) => Object.fromEntries(Object.keys(fields).map((name) => [name, fields[name] ?? value])));

  it.each(Object.keys(RELIABILITY_LIMITS) as Array<keyof ReliabilityFields>)("%s: the default", (name) => {
    const policies = BLANKS.map(([, value]) => resolveRequestPolicy({ [name]: value }));
    policies.forEach((policy) => expect(policy).toEqual(resolveRequestPolicy({})));
  });

  it("the optional fields: the environment's URL, Main (MFG), no library", () => {
    const endpoints = blankFields({ apiKey: KEY, duroEnvironment: undefined, customDuroEnvironment: undefined }).map((fields) => resolveEndpoint(fields));
    endpoints.forEach((endpoint) => expect(endpoint).toEqual(resolveEndpoint({ apiKey: KEY })));
    const hub = blankFields({ apiKey: KEY, duroEnvironment: "hub", organization: "@acme", library: undefined }).map((fields) => resolveEndpoint(fields).headers);
    hub.forEach((headers) => expect(headers).toEqual({ "x-api-key": KEY, "x-organization": "@acme" }));
  });

  it.each<[string, Record<string, unknown>]>([
    ["apiKey", { apiKey: undefined }],
    ["organization", { apiKey: KEY, duroEnvironment: "hub", organization: undefined }],
  ])("%s, when it is needed: fails naming it", (name, fields) => {
    for (const blank of blankFields(fields)) {
      expect(() => resolveEndpoint(blank)).toThrow(expect.objectContaining({ kind: "invalid-input", input: name }));
    }
  });
});

describe("through the harness, a blank input is the same as one not given", () => {
  const sandbox = useSandbox({ dialect: "hub" });
  const run = async (key: string, params: Record<string, unknown>) => ((await runAction(key, { connection: hubConnection(sandbox()), ...params })) as { data: unknown }).data;

  it("a list step's First N Items takes its default", async () => {
    const [blank, absent] = [await run("listComponents", { first: "  " }), await run("listComponents", {})];
    expect(blank).toEqual(absent);
    expect((absent as { items: unknown[] }).items).toHaveLength(5);
  });

  it("Create Webhook's Timeout and Max Retries are left out for Duro's defaults, as the connection's timeout takes its own", async () => {
    const webhook = (await run("createWebhook", {
      connection: hubConnection(sandbox(), { timeoutSeconds: "  " }),
      name: "Blank limits",
      url: "https://hooks.example.com/blank",
      events: "COMPONENT_UPDATED",
      timeoutSeconds: "  ",
      maxRetries: "",
      signingSecret: "   ",
      description: null,
    })) as { timeoutSeconds: number; maxRetries: number; description: string | null };
    expect(webhook).toMatchObject({ timeoutSeconds: 30, maxRetries: 3, description: null });
    const sent = sandbox().requests.filter((request) => request.operationName?.startsWith("CreateWebhook"));
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0].variables?.input as object).sort()).toEqual(["events", "isEnabled", "name", "url"]);
  });
});
