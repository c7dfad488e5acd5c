// The demo runner: each dialect's steps (steps.ts) run through spectral's harness, one line each (label, what came
// back, requests to Duro, time, the first item), full outputs on request, then a summary table and a verdict.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { ClientRequest } from "node:http";
import { performance } from "node:perf_hooks";
import { ConnectionError } from "@prismatic-io/spectral";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { jwtApiKey } from "../../fixtures/apiKeys";
import { recordingLogger } from "../../fixtures/recordingLogger";
import { DuroSandbox, SANDBOX_LIBRARY, SANDBOX_ORGANIZATION, SandboxDialect, startSandbox } from "../../fixtures/sandbox";
import { isDuroFailure } from "../../src/client/connectionError";
import { DuroErrorKind } from "../../src/client/errors";
import { duroApiKey } from "../../src/connections/duroApiKey";
import { resolveEndpoint } from "../../src/connections/endpoint";
import { DEMO_SETTINGS, DemoSettingError, readSettings } from "./settings";
import { componentHarness, Harness, SkipStep, Step, StepContext } from "./step";
import { classicSteps, hubSteps, pollingTriggerSteps, webhookTriggerSteps } from "./steps";

export interface DemoOptions {
  /** Command-line arguments: --verbose, --show KEY, --help. */
  args: string[];
  env: Record<string, string | undefined>;
  print: (line: string) => void;
}

/** Where one run of steps goes: the connection's fields, and the sandbox when it is the embedded one. */
interface Place {
  title: string;
  fields: Record<string, string>;
  apiKey: string;
  sandbox?: DuroSandbox;
}

interface Target {
  name: string;
  steps: Step[];
  mayWrite: boolean;
  /** Starts what the steps need (the sandbox), just before they run. */
  open: () => Promise<Place>;
}

interface Tally {
  title: string;
  ran: number;
  expectedErrors: number;
  skipped: number;
  unexpected: number;
  requests: number;
  ms: number;
}

const USAGE = [
  "npm run demo [-- --verbose | --show KEY ...]",
  "  Runs every action, picklist and trigger against the embedded Duro sandbox (classic, then Duro Hub), one line a step.",
  "  --verbose    print every step's full output and log lines",
  "  --show KEY   print them for the steps of this action, picklist or trigger key only (repeatable)",
  "Settings (environment variables):",
  ...Object.entries(DEMO_SETTINGS).map(([name, meaning]) => `  ${name.padEnd(18)} ${meaning}`),
];

/** Lists longer than this are cut in printed outputs; the cut says how many items were left out. */
const LIST_ITEMS_SHOWN = 5;

const forDisplay = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    const shown = value.slice(0, LIST_ITEMS_SHOWN).map(forDisplay);
    return value.length > LIST_ITEMS_SHOWN ? [...shown, `(${value.length - LIST_ITEMS_SHOWN} more items not printed: the demo prints the first ${LIST_ITEMS_SHOWN} of each list)`] : shown;
  }
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, forDisplay(item)]));
  return value;
};

/** Counts the HTTP requests this process sends to the given hosts, whichever client sends them (fetch or node:http). */
const requestCounter = (url: string) => {
  const hosts = new Set([new URL(url).host]);
  let count = 0;
  const onFetch = (message: unknown) => {
    if (hosts.has(new URL(String((message as { request: { origin: unknown } }).request.origin)).host)) count += 1;
  };
  const onHttp = (message: unknown) => {
    if (hosts.has(String((message as { request: ClientRequest }).request.getHeader("host")))) count += 1;
  };
  subscribe("undici:request:create", onFetch);
  subscribe("http.client.request.start", onHttp);
  return {
    count: () => count,
    /** Counts the requests to this URL's host too. */
    add: (other: string) => hosts.add(new URL(other).host),
    stop: () => {
      unsubscribe("undici:request:create", onFetch);
      unsubscribe("http.client.request.start", onHttp);
    },
  };
};

/** Messages longer than this are cut on the step's line; --verbose and --show KEY print them whole. */
const MESSAGE_LENGTH_SHOWN = 150;

const cut = (text: string, whole: boolean): string => (whole || text.length <= MESSAGE_LENGTH_SHOWN ? text : `${text.slice(0, MESSAGE_LENGTH_SHOWN)}…`);

/** One step's line: the figures in fixed columns first, then the step and what it gave, which vary in length. */
const stepLine = (number: number, requests: number | undefined, ms: number | undefined, text: string): string =>
  `${String(number).padStart(3)} ${(requests === undefined ? "" : String(requests)).padStart(4)} ${(ms === undefined ? "" : `${ms} ms`).padStart(8)}  ${text}`;

const parseArgs = (args: string[]): { verbose: boolean; show: Set<string>; help: boolean } => {
  const options = { verbose: false, show: new Set<string>(), help: false };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--verbose" || arg === "-v") options.verbose = true;
    else if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg === "--show" && args[index + 1]) options.show.add(args[(index += 1)]);
    else if (arg.startsWith("--show=")) options.show.add(arg.slice("--show=".length));
    else throw new DemoSettingError(`${arg} is not a demo option. ${USAGE[0]}`);
  }
  return options;
};

/** A dialect's steps: its actions and picklists, then its triggers (which need the sandbox). */
const stepsFor = (dialect: SandboxDialect): Step[] =>
  dialect === "hub"
    ? [...hubSteps, ...webhookTriggerSteps(), ...pollingTriggerSteps({ hideNewRecords: true })]
    : [...classicSteps, ...pollingTriggerSteps({ spoiledState: true })];

const sandboxTarget = (dialect: SandboxDialect): Target => ({
  name: `sandbox, ${dialect === "hub" ? "Duro Hub" : "classic"}`,
  steps: stepsFor(dialect),
  mayWrite: true,
  open: async (): Promise<Place> => {
    // Classic keys are JWTs that expire after 90 days: this one expires in 10, so Check Connection warns about it.
    const sandbox = await startSandbox({ dialect, ...(dialect === "classic" ? { apiKey: jwtApiKey(10) } : {}) });
    const { apiKey, url } = sandbox;
    return dialect === "hub"
      ? {
          title: `Embedded Duro sandbox, Duro Hub (API v2) at ${url}`,
          fields: { apiKey, duroEnvironment: "hub", customDuroEnvironment: url, organization: SANDBOX_ORGANIZATION.slug, library: SANDBOX_LIBRARY.slug },
          apiKey,
          sandbox,
        }
      : { title: `Embedded Duro sandbox, classic API (Main/MFG) at ${url}`, fields: { apiKey, duroEnvironment: "mfg", customDuroEnvironment: url }, apiKey, sandbox };
  },
});

interface Output {
  options: ReturnType<typeof parseArgs>;
  print: (line: string) => void;
}

/** What one step gave, as its line says it. */
interface Outcome {
  result: string;
  output?: unknown;
  /** Why the step did not do what it should; undefined when it did. */
  problem?: string;
  /** Set when every later step would fail the same way: what to check. */
  stop?: string;
}

/** Failures no later step can get past, and the settings to check. */
const STOPPING_FAILURES: Partial<Record<DuroErrorKind, string>> = {
  auth: "Duro refused the API key: check DURO_API_KEY and that it belongs to DURO_ENVIRONMENT",
  network: "Duro could not be reached: check DURO_ENVIRONMENT or DURO_ENDPOINT, and the network",
  timeout: "Duro did not answer in time: check DURO_ENVIRONMENT or DURO_ENDPOINT, and the network",
  "missing-context": "Duro Hub refused the organization or library: check DURO_ORGANIZATION and DURO_LIBRARY",
};

/** Runs one step and says how it went: an output, an expected error, or what went wrong. A SkipStep passes through. */
const runStep = async (step: Step, context: StepContext, whole: boolean): Promise<Outcome> => {
  try {
    const { output, result, first, unexpected, stop } = await step.run(context);
    if (step.expectError) return { result: `✗ no error, where a ${step.expectError} error was expected`, output, problem: "no error" };
    return {
      result: unexpected ? `✗ ${result}: ${unexpected}` : `${result}${first ? ` · ${first}` : ""}`,
      output,
      problem: unexpected,
      stop: unexpected && stop ? STOPPING_FAILURES[stop] : undefined,
    };
  } catch (error) {
    if (error instanceof SkipStep) throw error;
    const kind = isDuroFailure(error) ? error.kind : (error as Error).name;
    const message = (error as Error).message;
    if (kind !== step.expectError) return { result: `✗ failed (${kind}): ${cut(message, whole)}`, problem: message, stop: STOPPING_FAILURES[kind as DuroErrorKind] };
    // A ConnectionError is how Prismatic learns that the connection, not the flow, needs fixing: the line says so.
    const what = error instanceof ConnectionError ? "connection error" : "error";
    const { result = message, unexpected } = step.describeError?.(error as Error, context) ?? {};
    return unexpected
      ? { result: `✗ ${what} (${kind}): ${cut(result, whole)}: ${unexpected}`, problem: unexpected }
      : { result: `expected ${what} (${kind}): ${cut(result, whole)}` };
  }
};

/** Runs one target's steps, a line each, numbered on from `numbering.next`. */
const runTarget = async (target: Target, harness: Harness, numbering: { next: number }, { options, print }: Output): Promise<Tally> => {
  const { title, fields, apiKey, sandbox } = await target.open();
  const tally: Tally = { title: target.name, ran: 0, expectedErrors: 0, skipped: 0, unexpected: 0, requests: 0, ms: 0 };
  print("");
  print(`== ${title} ==`);
  print(`${"#".padStart(3)} ${"req".padStart(4)} ${"time".padStart(8)}  step → result · first item`);
  const connection = createConnection(duroApiKey, fields);
  const counter = requestCounter(resolveEndpoint(fields).url);
  const outputs = new Map<string, unknown>();
  const cleanups: Array<() => Promise<void>> = [];
  try {
    for (const step of target.steps) {
      const number = numbering.next++;
      const label = step.note ? `${step.label} · ${step.note}` : step.label;
      const skipped = (reason: string) => {
        tally.skipped += 1;
        print(stepLine(number, undefined, undefined, `${label} → skipped: ${reason}`));
      };
      if (step.sandboxOnly && !sandbox) {
        skipped("runs on the embedded sandbox only");
        continue;
      }
      if (step.writes && !target.mayWrite) {
        skipped("changes data: set DURO_DEMO_CREATE=1 to allow it");
        continue;
      }
      const { lines, logger } = recordingLogger();
      const context: StepContext = {
        harness,
        connection,
        logger,
        logLines: lines,
        apiKey,
        sandbox,
        earlier: <T>(name: string): T => {
          if (!outputs.has(name)) throw new SkipStep(`needs "${name}" from an earlier step`);
          return outputs.get(name) as T;
        },
        onFinish: (cleanup) => cleanups.push(cleanup),
        countRequestsTo: counter.add,
      };
      const whole = options.verbose || options.show.has(step.key);
      const requestsBefore = counter.count();
      const started = performance.now();
      let outcome: Outcome;
      try {
        outcome = await runStep(step, context, whole);
      } catch (error) {
        if (!(error instanceof SkipStep)) throw error;
        skipped(error.message);
        continue;
      }
      const ms = Math.round(performance.now() - started);
      const requests = counter.count() - requestsBefore;
      if (step.as && outcome.output !== undefined) outputs.set(step.as, outcome.output);
      tally.requests += requests;
      tally.ms += ms;
      if (outcome.problem) tally.unexpected += 1;
      else if (step.expectError) tally.expectedErrors += 1;
      else tally.ran += 1;
      print(stepLine(number, requests, ms, `${label} → ${outcome.result}`));
      if (whole) {
        lines.forEach((line) => print(`      log ${line}`));
        if (outcome.output !== undefined) print(JSON.stringify(forDisplay(outcome.output), null, 2).replace(/^/gm, "      "));
      }
      if (outcome.stop) {
        const notRun = target.steps.length - target.steps.indexOf(step) - 1;
        tally.skipped += notRun;
        numbering.next += notRun;
        print(`    Stopped: ${outcome.stop}. The ${notRun} later steps would fail the same way.`);
        break;
      }
    }
  } finally {
    counter.stop();
    for (const cleanup of cleanups) await cleanup();
    await sandbox?.stop();
  }
  return tally;
};

const printSummary = (tallies: Tally[], print: (line: string) => void): void => {
  const row = (cells: Array<string | number>) => {
    const [where, ...figures] = cells.map(String);
    return `  ${where.padEnd(20)}${figures.map((figure, index) => figure.padStart([5, 17, 9, 12, 10, 9][index])).join("")}`;
  };
  const total = (field: "ran" | "expectedErrors" | "skipped" | "unexpected") => tallies.reduce((sum, tally) => sum + tally[field], 0);
  print("");
  print("Summary");
  print(row(["where", "ok", "expected errors", "skipped", "unexpected", "requests", "time"]));
  tallies.forEach((tally) => print(row([tally.title, tally.ran, tally.expectedErrors, tally.skipped, tally.unexpected, tally.requests, `${(tally.ms / 1000).toFixed(1)} s`])));
  print("");
  print(
    total("unexpected") === 0
      ? `Demo finished: all ${total("ran") + total("expectedErrors")} steps ran as expected (${total("expectedErrors")} show an error on purpose${total("skipped") ? `, ${total("skipped")} skipped` : ""}).`
      : `Demo finished with ${total("unexpected")} unexpected result(s): see the lines marked ✗ (run with --show KEY for details).`,
  );
};

/** Runs the demo; resolves to the exit code: 0 as expected, 1 with unexpected results, 2 for a wrong setting. */
export const runDemo = async ({ args, env, print }: DemoOptions): Promise<number> => {
  let options: ReturnType<typeof parseArgs>;
  let settings: ReturnType<typeof readSettings>;
  try {
    options = parseArgs(args);
    settings = readSettings(env);
  } catch (error) {
    if (!(error instanceof DemoSettingError)) throw error;
    print(`Demo not started: ${error.message}`);
    return 2;
  }
  if (options.help) {
    USAGE.forEach((line) => print(line));
    return 0;
  }
  const harness = componentHarness();
  const targets: Target[] =
    settings.kind === "sandbox"
      ? [sandboxTarget("classic"), sandboxTarget("hub")]
      : [
          {
            name: "your account",
            steps: stepsFor(settings.fields.duroEnvironment === "hub" ? "hub" : "classic"),
            mayWrite: settings.mayWrite,
            open: async () => ({ title: settings.title, fields: settings.fields, apiKey: settings.apiKey }),
          },
        ];
  const knownKeys = new Set(targets.flatMap((target) => target.steps.map((step) => step.key)));
  const unknownShow = [...options.show].find((key) => !knownKeys.has(key));
  if (unknownShow) {
    print(`Demo not started: --show ${unknownShow}: no step runs that key. Keys: ${[...knownKeys].sort().join(", ")}.`);
    return 2;
  }

  const tallies: Tally[] = [];
  const numbering = { next: 1 };
  for (const target of targets) tallies.push(await runTarget(target, harness, numbering, { options, print }));
  printSummary(tallies, print);
  const unexpected = tallies.reduce((sum, tally) => sum + tally.unexpected, 0);
  return unexpected === 0 ? 0 : 1;
};
