// What one demo step is, and the two builders most steps use: an action or a picklist run through spectral's
// harness, summarised as a line (how many items, the first one's CPN and name). Steps themselves are in steps.ts.
import { ActionContext, ActionLogger } from "@prismatic-io/spectral";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { DuroSandbox } from "../../fixtures/sandbox";
import duroComponent from "../../src";
import { DuroErrorKind } from "../../src/client/errors";

/** Spectral's test harness over the component: it runs actions, picklists and triggers as the platform does. */
export const componentHarness = () => createHarness(duroComponent);
export type Harness = ReturnType<typeof componentHarness>;
export type Params = Record<string, unknown>;

/** What a step runs with. */
export interface StepContext {
  harness: Harness;
  connection: ReturnType<typeof createConnection>;
  /** The step's own logger: its lines are shown with --verbose or --show. */
  logger: ActionLogger;
  logLines: string[];
  apiKey: string;
  /** The embedded sandbox; undefined on a real account, where steps marked sandboxOnly are skipped. */
  sandbox?: DuroSandbox;
  /** The output an earlier step kept under `name` (its `as`); the step is skipped when there is none. */
  earlier: <T>(name: string) => T;
  /** Runs `cleanup` when the dialect's steps are done, whatever happened (e.g. to stop a receiver a step started). */
  onFinish: (cleanup: () => Promise<void>) => void;
  /** Counts the requests to this URL's host in the step's figures too (a second sandbox, a redirecting server). */
  countRequestsTo: (url: string) => void;
}

/** Thrown by a step that cannot run because what it builds on is missing; the line says why. */
export class SkipStep extends Error {}

export interface StepResult {
  /** The step's output, printed in full with --verbose or --show KEY. */
  output: unknown;
  /** What the line says about it, e.g. "20 items, cut at Max Items". */
  result: string;
  /** The first item's CPN and name (or the record's), when there is one. */
  first?: string;
  /** Set when the output is not what the step should show: the line is marked ✗ and the demo fails. */
  unexpected?: string;
  /** With `unexpected`: every later step would fail the same way, as after a failure of this kind. */
  stop?: DuroErrorKind;
}

/** What an expected error's line says besides its kind, and whether the error is the one the step shows. */
export type ErrorDescription = Partial<Pick<StepResult, "result" | "unexpected">>;

export interface Step {
  /** The action, picklist or trigger key; --show KEY prints the full output of the steps with this key. */
  key: string;
  /** The label a builder sees for that action, picklist or trigger. */
  label: string;
  /** A few words on what this step shows. */
  note?: string;
  /** Changes data in Duro: on a real account it runs only with DURO_DEMO_CREATE=1. */
  writes?: boolean;
  /** Needs the embedded sandbox (its seed data, its webhook deliveries), or would read a whole library: skipped on a real account. */
  sandboxOnly?: boolean;
  /** The step fails on purpose, with an error of this kind: the line says "expected error". */
  expectError?: DuroErrorKind;
  /** Keep the output under this name for later steps (StepContext.earlier). */
  as?: string;
  /** With `expectError`: the line's text instead of the error's message (its key figure), and what else to check. */
  describeError?: (error: Error, context: StepContext) => ErrorDescription;
  run: (context: StepContext) => Promise<StepResult>;
}

type Described = Omit<StepResult, "output">;

export interface ActionStepOptions extends Omit<Step, "key" | "label" | "run"> {
  /** The inputs besides the connection, as strings like the platform sends them; a function reads earlier outputs. */
  params?: Params | ((context: StepContext) => Params | Promise<Params>);
  /** What the platform gives the step besides its inputs and logger, e.g. the instance's webhookUrls. */
  platform?: (context: StepContext) => Partial<ActionContext>;
  /** What the line says about the output, where the item count and first item do not tell the story. */
  describe?: (output: unknown, context: StepContext) => Partial<Described>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

/** "CPN name" of a component, change order, user or picklist element: whatever of these it has. */
const nameOf = (record: unknown): string | undefined => {
  if (!isRecord(record)) return undefined;
  const code = (field: unknown) => textOf(field) ?? (isRecord(field) ? textOf(field.displayValue) : undefined);
  const person = [textOf(record.firstName), textOf(record.lastName)].filter(Boolean).join(" ");
  const name = textOf(record.name) ?? textOf(record.label) ?? (person || textOf(record.email));
  return [code(record.cpn) ?? code(record.con), name].filter(Boolean).join(" ") || textOf(record.id);
};

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** The line for a list (the list output, a lookup, a BOM), a picklist's elements, or one record. */
const describeOutput = (output: unknown): Described => {
  if (Array.isArray(output)) return { result: plural(output.length, "choice"), first: nameOf(output[0]) };
  if (isRecord(output) && Array.isArray(output.items)) {
    const { items, totalCount, pageInfo, truncated, missingIds } = output as {
      items: unknown[];
      totalCount?: number;
      pageInfo?: { hasNextPage?: boolean };
      truncated?: boolean;
      missingIds?: string[];
    };
    const details = [
      totalCount === undefined ? "" : ` of ${totalCount}`,
      truncated ? ", cut at Max Items" : pageInfo?.hasNextPage ? ", more after endCursor" : "",
      missingIds?.length ? `, ${missingIds.length} not found` : "",
    ].join("");
    return { result: `${plural(items.length, "item")}${details}`, first: nameOf(items[0]) };
  }
  if (isRecord(output)) return { result: "1 record", first: nameOf(output) };
  return { result: JSON.stringify(output) ?? "no output" };
};

type Call = (context: StepContext, params: Params, platform: Partial<ActionContext>) => Promise<unknown>;

const stepOf = (key: string, label: string, { params, describe, platform, ...options }: ActionStepOptions, call: Call): Step => ({
  key,
  label,
  ...options,
  run: async (context) => {
    const inputs = { connection: context.connection, ...(typeof params === "function" ? await params(context) : params) };
    const output = await call(context, inputs, { ...platform?.(context), logger: context.logger });
    return { output, ...describeOutput(output), ...describe?.(output, context) };
  },
});

/** A step that runs one action, as a flow's step would. */
export const actionStep = (key: string, options: ActionStepOptions = {}): Step => {
  const action = duroComponent.actions[key];
  if (!action) throw new Error(`The demo names an action "${key}" that the component does not have.`);
  return stepOf(key, action.display.label, options, async ({ harness }, params, platform) => (await harness.action(key, params, platform))?.data);
};

/** A step that runs one picklist (data source), as the config wizard would. */
export const picklistStep = (key: string, options: ActionStepOptions = {}): Step => {
  const dataSource = duroComponent.dataSources?.[key];
  if (!dataSource) throw new Error(`The demo names a picklist "${key}" that the component does not have.`);
  return stepOf(key, dataSource.display.label, options, async ({ harness }, params, platform) => (await harness.dataSource(key, params, platform)).result);
};

/** The label of one of the component's triggers, for the trigger steps. */
export const triggerLabel = (key: string): string => {
  const trigger = duroComponent.triggers?.[key];
  if (!trigger) throw new Error(`The demo names a trigger "${key}" that the component does not have.`);
  return trigger.display.label;
};

/**
 * A logger for what outlives one step (a trigger's instance, deployed once and run by several steps): it writes to
 * the logger of the step that last called use(), so each step's log lines stay with that step.
 */
export const forwardingLogger = () => {
  let current: ActionLogger | undefined;
  const forward =
    (level: keyof ActionLogger) =>
    (...args: unknown[]): void => {
      (current?.[level] as ((...values: unknown[]) => void) | undefined)?.(...args);
    };
  const logger = { trace: forward("trace"), debug: forward("debug"), info: forward("info"), log: forward("log"), warn: forward("warn"), error: forward("error"), metric: forward("metric") } as ActionLogger;
  return {
    logger,
    use: (context: StepContext) => {
      current = context.logger;
    },
  };
};

/** The ID of the first item an earlier list step kept under `name`. */
export const firstIdOf = ({ earlier }: StepContext, name: string): string => {
  const id = earlier<{ items: Array<{ id: string }> }>(name).items[0]?.id;
  if (!id) throw new SkipStep(`the list "${name}" came back empty`);
  return id;
};
