// `npm run bench`: what the connector costs per call, at scale, and as a bundle, against the embedded sandbox on
// 127.0.0.1. Prints a table (each target met or not) and writes bench/results.json; the method is in bench/README.md.
// Targets are reported here, never asserted by the tests. BENCH_QUICK=1 runs few iterations and small sizes, for
// working on the benchmark itself. BENCH_SECTIONS=3 (or 1,4 …) runs only those sections and replaces only theirs in
// bench/results.json.
import { ChildProcess, execFile, fork, spawnSync } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { GraphQLClient } from "graphql-request";
import { DuroSandbox, SANDBOX_LIBRARY, SANDBOX_ORGANIZATION, SandboxOptions, startSandbox } from "../fixtures/sandbox";
import { SeedOptions } from "../fixtures/seed";
import duroComponent from "../src";
import * as actionDefinitions from "../src/actions";
import { DuroClient } from "../src/client/duroClient";
import { MAX_PAGE_SIZE } from "../src/client/pagination";
import { post, TransportCall } from "../src/client/transport";
import { duroApiKey } from "../src/connections/duroApiKey";
import { GET_COMPONENT, LIST_COMPONENTS } from "../src/operations/components";
import { variantsOf } from "../src/operations/dialects";

const QUICK = process.env.BENCH_QUICK === "1";
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? "1,2,3,4").split(",").map((section) => section.trim()));
const ROOT = path.resolve(__dirname, "..");
const BUNDLE = path.join(ROOT, "dist", "index.js");
const RESULTS = path.join(ROOT, "bench", "results.json");
const SPECTRAL_TESTING = require.resolve("@prismatic-io/spectral/dist/testing");

const ADAPTATION_ROUNDS = QUICK ? 3 : 20;
const OVERHEAD = { repeats: QUICK ? 2 : 5, warmup: QUICK ? 20 : 200, iterations: QUICK ? 50 : 500, seedComponents: 200 };
const SCALE_SIZES = QUICK ? [1_000, 5_000] : [1_000, 10_000, 50_000, 100_000];
/** The exponent is fitted over these sizes only: below them fixed costs (first calls, GC warm-up) bend the curve. */
const EXPONENT_FROM = QUICK ? 1_000 : 10_000;
const SCALE_RUNS = QUICK ? 1 : 3;
const SCALE_WARMUP_PAGES = 5;
const SANDBOX_WARMUP_PAGES = 30;
const BOM_DEPTHS = QUICK ? [2] : [2, 4, 6];
const BOM_FAN_OUT = 5;
const REQUIRE_RUNS = QUICK ? 3 : 11;
/** A child that takes longer than this is stuck, not slow (100,000 components take seconds). */
const CHILD_TIMEOUT_MS = 300_000;

const TARGETS = {
  overheadRatio: 1.0,
  cpuRatio: 0.6,
  cpuPerThousandMs: 25,
  peakRssMb: 250,
  peakRssAt: QUICK ? 5_000 : 100_000,
  rawBytes: 1.1 * 1024 * 1024,
  gzipBytes: 280 * 1024,
  coldRequireAboveNodeMs: 60,
  extraRequestsPerCall: 0,
  extraRequestsPerEndpoint: 2,
};

const noop = (): void => undefined;
const silentLogger = { trace: noop, debug: noop, info: noop, log: noop, warn: noop, error: noop, metric: noop };

const harness = createHarness(duroComponent);
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
const median = (values: number[]): number => percentile(values, 50);
/** Nearest-rank percentile. */
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
};
const load = (): number[] => loadavg().map((value) => round(value, 2));

interface SandboxAddress {
  url: string;
  apiKey: string;
}

const connectionTo = ({ url, apiKey }: SandboxAddress) => createConnection(duroApiKey, { apiKey, duroEnvironment: "mfg", customDuroEnvironment: url });
const hubConnectionTo = ({ url, apiKey }: SandboxAddress) =>
  createConnection(duroApiKey, { apiKey, duroEnvironment: "hub", customDuroEnvironment: url, organization: SANDBOX_ORGANIZATION.slug, library: SANDBOX_LIBRARY.slug });

const withSandbox = async <T>(seed: SeedOptions, work: (sandbox: DuroSandbox) => Promise<T>, options: SandboxOptions = {}): Promise<T> => {
  const sandbox = await startSandbox({ ...options, seed });
  try {
    return await work(sandbox);
  } finally {
    await sandbox.stop();
  }
};

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

// ── 1. Per-call overhead, the sandbox in a child process so this process's CPU is the client's alone ───────────────

/** The sandbox as a child process: it answers "count" with the requests received since the last count. */
interface RemoteSandbox extends SandboxAddress {
  requestsSinceLastCount: () => Promise<number>;
  stop: () => Promise<void>;
}

const SANDBOX_ROLE = "sandbox";

const startRemoteSandbox = (seed: SeedOptions): Promise<RemoteSandbox> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = fork(__filename, [], {
      env: { ...process.env, BENCH_ROLE: SANDBOX_ROLE, BENCH_SEED: JSON.stringify(seed), TS_NODE_TRANSPILE_ONLY: "true" },
      execArgv: ["-r", "ts-node/register"],
    });
    const reply = <T>(): Promise<T> => new Promise((answered) => child.once("message", (message) => answered(message as T)));
    child.once("error", reject);
    reply<SandboxAddress>().then(({ url, apiKey }) =>
      resolve({
        url,
        apiKey,
        requestsSinceLastCount: async () => {
          const answer = reply<{ requests: number }>();
          child.send("count");
          return (await answer).requests;
        },
        stop: async () => {
          const exited = new Promise((done) => child.once("exit", done));
          child.send("stop");
          await exited;
        },
      }),
    );
  });

const serveSandbox = async (): Promise<void> => {
  const sandbox = await startSandbox({ seed: JSON.parse(process.env.BENCH_SEED ?? "{}") as SeedOptions });
  process.on("message", async (message) => {
    if (message === "count") {
      process.send?.({ requests: sandbox.requests.length });
      sandbox.clearRequests();
    } else if (message === "stop") {
      await sandbox.stop();
      process.exit(0);
    }
  });
  process.send?.({ url: sandbox.url, apiKey: sandbox.apiKey });
};

/**
 * How one call is made. `bare fetch` is the floor the targets are ratios of; `naive client` is how most connectors
 * call GraphQL (graphql-request with its default fetch, a client built per call); `bare node:http` is the floor of the
 * transport we chose. The connector's layers are timed one by one too, so a miss shows whose cost it is.
 */
type Way =
  | "bare fetch"
  | "bare node:http"
  | "connector's transport"
  | "naive client"
  | "DuroClient.request"
  | "action's own perform"
  | "action perform, plain context"
  | "action via harness";

interface OverheadCase {
  name: string;
  ways: Way[];
  action: { key: string; params: Record<string, unknown> };
  document: string;
  variables: Record<string, unknown>;
}

const LIST_PAGE_CASE: OverheadCase = {
  name: "listComponents first=100",
  ways: ["bare fetch", "bare node:http", "connector's transport", "naive client", "DuroClient.request", "action's own perform", "action perform, plain context", "action via harness"],
  action: { key: "listComponents", params: { first: String(MAX_PAGE_SIZE) } },
  document: variantsOf(LIST_COMPONENTS.documents.classic!)[0].document,
  variables: { libraryType: "GENERAL", first: MAX_PAGE_SIZE },
};

const overheadCases: OverheadCase[] = [
  {
    name: "getComponentById",
    ways: ["bare fetch", "bare node:http", "connector's transport", "naive client", "DuroClient.request", "action's own perform", "action perform, plain context", "action via harness"],
    action: { key: "getComponentById", params: { componentId: "cmp-00001" } },
    document: variantsOf(GET_COMPONENT.documents.classic!)[0].document,
    variables: { ids: ["cmp-00001"] },
  },
  LIST_PAGE_CASE,
];

const keepAliveAgent = new Agent({ keepAlive: true });

const bareNodeHttp = (url: string, headers: Record<string, string>, body: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", agent: keepAliveAgent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { errors?: unknown };
        if (response.statusCode !== 200 || parsed.errors) reject(new Error(`Bare node:http failed: HTTP ${response.statusCode}`));
        else resolve();
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });

/** An action's inputs at their defaults, as the platform passes them (strings). */
const defaultsOf = (key: string): Record<string, unknown> => Object.fromEntries(duroComponent.actions[key].inputs.map((input) => [input.key, input.default ?? ""]));

const callFor = (way: Way, sandbox: SandboxAddress, { action, document, variables }: OverheadCase): (() => Promise<unknown>) => {
  const connection = connectionTo(sandbox);
  const fields = { apiKey: sandbox.apiKey, duroEnvironment: "mfg", customDuroEnvironment: sandbox.url };
  const body = JSON.stringify({ query: document, variables });
  switch (way) {
    case "bare fetch":
      // The same document POSTed with nothing around it: the floor any client on fetch pays.
      return async () => {
        const response = await fetch(sandbox.url, { method: "POST", headers: { "content-type": "application/json", apitoken: sandbox.apiKey }, body });
        const parsed = (await response.json()) as { errors?: unknown };
        if (!response.ok || parsed.errors) throw new Error(`Bare fetch failed: HTTP ${response.status} ${JSON.stringify(parsed.errors)}`);
      };
    case "bare node:http":
      return () => bareNodeHttp(sandbox.url, { "content-type": "application/json", apitoken: sandbox.apiKey }, body);
    case "connector's transport": {
      // The connector's own node:http exchange and JSON.parse, without its client around them (headers, retries,
      // error mapping): the least any client in the connector can cost.
      const call: TransportCall = { operation: action.key, url: sandbox.url, customUrl: true, timeoutMs: 30_000, maxResponseBytes: 50 * 1024 * 1024, onResponse: () => undefined };
      const headers = { "content-type": "application/json", apitoken: sandbox.apiKey };
      return async () => {
        const { status, text } = await post(call, headers, body);
        const parsed = JSON.parse(text) as { errors?: unknown };
        if (status !== 200 || parsed.errors) throw new Error(`The connector's transport failed: HTTP ${status}`);
      };
    }
    case "naive client":
      return () => new GraphQLClient(sandbox.url, { headers: { apiToken: sandbox.apiKey } }).request(document, variables);
    case "DuroClient.request":
      return () => new DuroClient(fields, { logger: silentLogger, debug: false }).request(document, variables);
    case "action's own perform": {
      // The action's perform as the connector defines it, before the connection-error guard and spectral's wrapping
      // (input cleaning, context set-up): its inputs cleaned once, outside the timing.
      const definition = actionDefinitions[action.key as keyof typeof actionDefinitions];
      const given: Record<string, unknown> = { ...defaultsOf(action.key), connection, ...action.params };
      const cleaned = Object.fromEntries(
        Object.entries(definition.inputs).map(([key, input]) => [key, "clean" in input && input.clean ? (input.clean as (value: unknown) => unknown)(given[key]) : given[key]]),
      );
      const perform = definition.perform as (context: unknown, params: unknown) => Promise<unknown>;
      const context = { logger: silentLogger, debug: { enabled: false } };
      return () => perform(context, cleaned);
    }
    case "action perform, plain context": {
      const { perform } = duroComponent.actions[action.key];
      const context = { logger: silentLogger } as unknown as Parameters<typeof perform>[0];
      return () => perform(context, { ...defaultsOf(action.key), connection, ...action.params });
    }
    case "action via harness":
      return () => harness.action(action.key, { connection, ...action.params }, { logger: silentLogger });
  }
};

interface WayResult {
  /** Median over the repeats of each repeat's median wall time per call, ms. */
  medianMs: number;
  /** p95 of every timed call, ms. */
  p95Ms: number;
  /** This process's CPU (user + system) per call, median of the repeats' medians, µs. */
  cpuUs: number;
  medianRatio: number;
  cpuRatio: number;
}

interface OverheadResult {
  case: string;
  repeats: number;
  iterations: number;
  ways: Partial<Record<Way, WayResult>>;
  /** Requests the sandbox received per call made, over every way (1 = no request beyond the call's own). */
  requestsPerCall: number;
  targets: { medianRatio: string; medianRatioMet: boolean; cpuRatio: string; cpuRatioMet: boolean };
}

/** Times one call: wall ms and this process's CPU µs. */
const measured = async (call: () => Promise<unknown>): Promise<{ ms: number; cpuUs: number }> => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await call();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuUs: used.user + used.system };
};

const measureOverhead = async (): Promise<OverheadResult[]> => {
  const sandbox = await startRemoteSandbox({ components: OVERHEAD.seedComponents });
  try {
    const results: OverheadResult[] = [];
    for (const benchCase of overheadCases) {
      const calls = benchCase.ways.map((way) => ({ way, call: callFor(way, sandbox, benchCase), ms: [] as number[], medians: [] as number[], cpuMedians: [] as number[] }));
      for (let i = 0; i < OVERHEAD.warmup; i += 1) {
        for (const { call } of calls) await call();
      }
      await sandbox.requestsSinceLastCount();
      for (let repeat = 0; repeat < OVERHEAD.repeats; repeat += 1) {
        const times = calls.map(() => ({ ms: [] as number[], cpuUs: [] as number[] }));
        // Interleaved, each iteration starting one way further, so every way runs in every position equally often.
        for (let i = 0; i < OVERHEAD.iterations; i += 1) {
          for (let j = 0; j < calls.length; j += 1) {
            const index = (i + j) % calls.length;
            const { ms, cpuUs } = await measured(calls[index].call);
            times[index].ms.push(ms);
            times[index].cpuUs.push(cpuUs);
          }
        }
        calls.forEach((entry, index) => {
          entry.ms.push(...times[index].ms);
          entry.medians.push(median(times[index].ms));
          entry.cpuMedians.push(median(times[index].cpuUs));
        });
      }
      const requests = await sandbox.requestsSinceLastCount();
      const bare = calls[0];
      const bareMedian = median(bare.medians);
      const bareCpu = median(bare.cpuMedians);
      const ways = Object.fromEntries(
        calls.map(({ way, ms, medians, cpuMedians }) => [
          way,
          {
            medianMs: round(median(medians), 3),
            p95Ms: round(percentile(ms, 95), 3),
            cpuUs: round(median(cpuMedians), 0),
            medianRatio: round(median(medians) / bareMedian, 3),
            cpuRatio: round(median(cpuMedians) / bareCpu, 3),
          },
        ]),
      ) as OverheadResult["ways"];
      const action = ways["action via harness"] as WayResult;
      results.push({
        case: benchCase.name,
        repeats: OVERHEAD.repeats,
        iterations: OVERHEAD.iterations,
        ways,
        requestsPerCall: round(requests / (OVERHEAD.repeats * OVERHEAD.iterations * calls.length), 4),
        targets: {
          medianRatio: `action via harness: median ≤ ${TARGETS.overheadRatio.toFixed(2)}× bare fetch`,
          medianRatioMet: action.medianRatio <= TARGETS.overheadRatio,
          cpuRatio: `action via harness: CPU per call ≤ ${TARGETS.cpuRatio}× bare fetch's`,
          cpuRatioMet: action.cpuRatio <= TARGETS.cpuRatio,
        },
      });
    }
    return results;
  } finally {
    await sandbox.stop();
  }
};

// ── 1b. Live-schema adaptation: the requests it costs when the endpoint's schema differs from the connector's ─────────

/** Duro Hub sandboxes whose schema the connector's newest documents fit, or do not (so the live schema decides). */
const ADAPTATION_CASES: Array<{ name: string; options: SandboxOptions; adapts: boolean }> = [
  { name: "Duro Hub, newest shape (the documents fit)", options: {}, adapts: false },
  { name: "Duro Hub, older shape (hubVariant legacy: the older variants fit)", options: { hubVariant: "legacy" }, adapts: true },
  {
    name: "Duro Hub, a pass-through field renamed (schemaEdit Component.updatedAt → modifiedAt: sent without it)",
    options: { schemaEdit: (sdl) => sdl.replace(/(\ntype Component \{[^}]*)\bupdatedAt\b/, "$1modifiedAt") },
    adapts: true,
  },
];

/** Three reads that each have a document per Duro Hub shape, so each alone would need the live schema. */
const ADAPTATION_ACTIONS = (sandbox: DuroSandbox): Array<{ key: string; params: Record<string, unknown> }> => [
  { key: "listComponents", params: { first: String(MAX_PAGE_SIZE) } },
  { key: "getComponentById", params: { componentId: sandbox.data.components[0].id } },
  { key: "listChangeOrders", params: { first: "10" } },
];

/**
 * Each case: a fresh Duro Hub sandbox (a new endpoint, so nothing is known of its schema in this process), then
 * rounds of the three reads through the harness. Extra requests are every request the sandbox received beyond one
 * per call: the rejected first attempts and the introspection.
 */
const measureAdaptation = async () => {
  const rows = [];
  for (const { name, options, adapts } of ADAPTATION_CASES) {
    rows.push(
      await withSandbox(
        { components: OVERHEAD.seedComponents, changeOrders: 20 },
        async (sandbox) => {
          const connection = hubConnectionTo(sandbox);
          const actions = ADAPTATION_ACTIONS(sandbox);
          let calls = 0;
          let firstRoundRequests = 0;
          for (let round = 0; round < ADAPTATION_ROUNDS; round += 1) {
            for (const { key, params } of actions) {
              await harness.action(key, { connection, ...params }, { logger: silentLogger });
              calls += 1;
            }
            if (round === 0) firstRoundRequests = sandbox.requests.length;
          }
          const requests = sandbox.requests.length;
          const introspections = sandbox.requests.filter((request) => request.operationName === "IntrospectionQuery").length;
          const extra = requests - calls;
          return {
            case: name,
            adapts,
            calls,
            requests,
            extraRequests: extra,
            extraInFirstRound: firstRoundRequests - actions.length,
            introspections,
            met: adapts ? extra <= TARGETS.extraRequestsPerEndpoint : extra === TARGETS.extraRequestsPerCall,
          };
        },
        { dialect: "hub", ...options },
      ),
    );
  }
  return {
    rounds: ADAPTATION_ROUNDS,
    rows,
    target: `0 extra where the documents fit; ≤ ${TARGETS.extraRequestsPerEndpoint} extra per endpoint per process where they do not`,
  };
};

// ── 2. Scale: listComponents with fetchAll, each run in a fresh node process ───────────────────────────────────────

/**
 * Runs in a child `node` (no ts-node, no sandbox in it): loads the published bundle and spectral's harness, reads a
 * few single pages first so the timed read does not pay first-call compilation and the first connection, reads the
 * whole list once, and reports its wall time, its own CPU time and the process's peak RSS, so CPU and memory are the
 * connector's alone. With no BENCH_URL it only loads, which gives the baseline the list's cost sits on.
 */
const SCALE_CHILD = `
const { performance } = require("node:perf_hooks");
const { createConnection, createHarness } = require(process.env.BENCH_SPECTRAL_TESTING);
const component = require(process.env.BENCH_BUNDLE).default;
const silent = () => undefined;
const logger = { trace: silent, debug: silent, info: silent, log: silent, warn: silent, error: silent, metric: silent };
const main = async () => {
  let ms = 0;
  let cpuMs = 0;
  let items = 0;
  if (process.env.BENCH_URL) {
    const connection = createConnection({ key: "duroApiKey" }, { apiKey: process.env.BENCH_API_KEY, duroEnvironment: "mfg", customDuroEnvironment: process.env.BENCH_URL });
    const harness = createHarness(component);
    for (let page = 0; page < Number(process.env.BENCH_WARMUP_PAGES); page += 1) await harness.action("listComponents", { connection, first: "99" }, { logger });
    const params = { connection, fetchAll: "true", maxItems: process.env.BENCH_MAX_ITEMS };
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await harness.action("listComponents", params, { logger });
    ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    cpuMs = (used.user + used.system) / 1000;
    items = result.data.items.length;
  }
  process.stdout.write(JSON.stringify({ ms, cpuMs, items, maxRssKb: process.resourceUsage().maxRSS }));
};
main().catch((error) => { console.error(error); process.exit(1); });
`;

interface ChildReport {
  ms: number;
  cpuMs: number;
  items: number;
  maxRssKb: number;
}

/** The child runs while this process serves its requests, so it must not block: spawn asynchronously. */
const runScaleChild = (env: Record<string, string>): Promise<ChildReport> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["-e", SCALE_CHILD],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_BUNDLE: BUNDLE, BENCH_SPECTRAL_TESTING: SPECTRAL_TESTING, BENCH_WARMUP_PAGES: String(SCALE_WARMUP_PAGES), ...env },
        maxBuffer: 1 << 20,
        timeout: CHILD_TIMEOUT_MS,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`Scale child failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout) as ChildReport)),
    );
  });

interface ScaleRow {
  components: number;
  runs: number;
  medianMs: number;
  cpuMsPerThousand: number;
  requests: number;
  expectedRequests: number;
  requestsMet: boolean;
  peakRssMb: number;
  items: number;
}

const mb = (kilobytes: number): number => round(kilobytes / 1024, 1);

/** The exponent k of time ≈ c·N^k, least squares over log-log. */
const fittedExponent = (rows: Array<{ n: number; ms: number }>): number => {
  const xs = rows.map((row) => Math.log(row.n));
  const ys = rows.map((row) => Math.log(row.ms));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  const covariance = xs.reduce((sum, x, i) => sum + (x - meanX) * (ys[i] - meanY), 0);
  const variance = xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
};

const measureScale = async () => {
  const baseline = await runScaleChild({});
  const rows: ScaleRow[] = [];
  for (const size of SCALE_SIZES) {
    // personalEvery 0: every component in the GENERAL library, so the list has exactly `size` items.
    const row = await withSandbox({ components: size, changeOrders: 0, personalEvery: 0 }, async (sandbox) => {
      // Warm the sandbox (it runs in this process) so the first sizes do not pay its first-call compilation.
      const listPage = callFor("bare fetch", sandbox, LIST_PAGE_CASE);
      for (let i = 0; i < SANDBOX_WARMUP_PAGES; i += 1) await listPage();
      const reports: ChildReport[] = [];
      let requests = 0;
      for (let run = 0; run < SCALE_RUNS; run += 1) {
        sandbox.clearRequests();
        reports.push(await runScaleChild({ BENCH_URL: sandbox.url, BENCH_API_KEY: sandbox.apiKey, BENCH_MAX_ITEMS: String(size) }));
        // Every request the child sent, less its warm-up pages: the read's own, whatever their page size.
        requests = Math.max(requests, sandbox.requests.length - SCALE_WARMUP_PAGES);
      }
      const medianMs = median(reports.map((report) => report.ms));
      const medianCpuMs = median(reports.map((report) => report.cpuMs));
      const expectedRequests = Math.ceil(size / MAX_PAGE_SIZE);
      return {
        components: size,
        runs: SCALE_RUNS,
        medianMs: round(medianMs, 1),
        cpuMsPerThousand: round((medianCpuMs / size) * 1000, 2),
        requests,
        expectedRequests,
        requestsMet: requests === expectedRequests,
        peakRssMb: mb(Math.max(...reports.map((report) => report.maxRssKb))),
        items: Math.min(...reports.map((report) => report.items)),
      };
    });
    rows.push(row);
  }
  const fitted = rows.filter((row) => row.components >= EXPONENT_FROM);
  const exponent = fittedExponent(fitted.map((row) => ({ n: row.components, ms: row.medianMs })));
  const largest = rows[rows.length - 1];
  const worstCpu = Math.max(...fitted.map((row) => row.cpuMsPerThousand));
  return {
    baselineRssMb: mb(baseline.maxRssKb),
    rows,
    timeExponent: round(exponent, 3),
    exponentFrom: EXPONENT_FROM,
    targets: {
      requests: "requests = ceil(N / 100)",
      requestsMet: rows.every((row) => row.requestsMet),
      cpuPerThousand: `CPU per 1,000 items ≤ ${TARGETS.cpuPerThousandMs} ms (N ≥ ${EXPONENT_FROM.toLocaleString("en-US")})`,
      cpuPerThousandMet: worstCpu <= TARGETS.cpuPerThousandMs,
      peakRss: `peak RSS at ${largest.components.toLocaleString("en-US")} < ${TARGETS.peakRssMb} MB`,
      peakRssMet: largest.components >= TARGETS.peakRssAt && largest.peakRssMb < TARGETS.peakRssMb,
    },
  };
};

// ── 3. BOM flatten ──────────────────────────────────────────────────────────────────────────────────────────────────

const FLATTEN_ACTION = "getComponentChildren";

/** Components in a complete tree of depth d with fan-out f: (f^(d+1) − 1) / (f − 1). */
const treeSize = (depth: number, fanOut: number): number => (fanOut ** (depth + 1) - 1) / (fanOut - 1);

const measureBomFlatten = async () => {
  const rows = [];
  for (const depth of BOM_DEPTHS) {
    const components = treeSize(depth, BOM_FAN_OUT);
    rows.push(
      await withSandbox({ components, changeOrders: 0, bomFanOut: BOM_FAN_OUT }, async (sandbox) => {
        const params = { connection: connectionTo(sandbox), componentId: sandbox.data.components[0].id, flatten: "true" };
        let items = 0;
        const ms = await timed(async () => {
          const result = (await harness.action(FLATTEN_ACTION, params, { logger: silentLogger })) as { data: { items: unknown[] } };
          items = result.data.items.length;
        });
        return {
          depth,
          fanOut: BOM_FAN_OUT,
          descendants: components - 1,
          items,
          requests: sandbox.requests.length,
          ms: round(ms, 1),
        };
      }),
    );
  }
  return { rows };
};

// ── 4. Bundle ───────────────────────────────────────────────────────────────────────────────────────────────────────

const REQUIRE_CHILD = `
const cpu = process.cpuUsage();
const started = process.hrtime.bigint();
require(process.argv[1]);
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1000 }));
`;

/** Wall time of a whole fresh `node` process running `args`, ms. */
const processMs = (args: string[]): number => {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: CHILD_TIMEOUT_MS });
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${child.stderr}`);
  return performance.now() - started;
};

/** Wall and CPU time `require()` takes inside a fresh `node` process, ms (CPU time is less inflated by a busy machine). */
const requireTime = (modulePath: string): { ms: number; cpuMs: number } => {
  const child = spawnSync(process.execPath, ["-e", REQUIRE_CHILD, modulePath], { cwd: ROOT, encoding: "utf8", timeout: CHILD_TIMEOUT_MS });
  if (child.status !== 0) throw new Error(`require(${modulePath}) failed in a fresh node: ${child.stderr}`);
  return JSON.parse(child.stdout) as { ms: number; cpuMs: number };
};

const measureBundle = () => {
  const bundle = readFileSync(BUNDLE);
  const spectral = require.resolve("@prismatic-io/spectral");
  const nodeAlone: number[] = [];
  const nodeWithBundle: number[] = [];
  const inProcess: Array<{ ms: number; cpuMs: number }> = [];
  const spectralInProcess: number[] = [];
  // Alternated, so drift on a shared machine hits each alike.
  for (let run = 0; run < REQUIRE_RUNS; run += 1) {
    nodeAlone.push(processMs(["-e", "0"]));
    nodeWithBundle.push(processMs(["-e", `require(${JSON.stringify(BUNDLE)})`]));
    inProcess.push(requireTime(BUNDLE));
    spectralInProcess.push(requireTime(spectral).ms);
  }
  const aboveNode = median(nodeWithBundle) - median(nodeAlone);
  return {
    file: "dist/index.js",
    rawBytes: bundle.length,
    gzipBytes: gzipSync(bundle).length,
    nonAsciiBytes: bundle.filter((byte) => byte > 0x7f).length,
    containsJestMock: bundle.includes("mockImplementationOnce"),
    coldRequire: {
      runs: REQUIRE_RUNS,
      nodeAloneMedianMs: round(median(nodeAlone), 1),
      nodeWithBundleMedianMs: round(median(nodeWithBundle), 1),
      aboveNodeMs: round(aboveNode, 1),
      requireInProcessMedianMs: round(median(inProcess.map((time) => time.ms)), 1),
      requireCpuMedianMs: round(median(inProcess.map((time) => time.cpuMs)), 1),
      spectralAloneInProcessMedianMs: round(median(spectralInProcess), 1),
    },
    targets: {
      size: `≤ ${(TARGETS.rawBytes / 1024 / 1024).toFixed(1)} MB raw, ≤ ${TARGETS.gzipBytes / 1024} KB gzip`,
      sizeMet: bundle.length <= TARGETS.rawBytes && gzipSync(bundle).length <= TARGETS.gzipBytes,
      coldRequire: `≤ ${TARGETS.coldRequireAboveNodeMs} ms above node -e 0`,
      coldRequireMet: aboveNode <= TARGETS.coldRequireAboveNodeMs,
    },
  };
};

// ── Report ──────────────────────────────────────────────────────────────────────────────────────────────────────────

const machine = () => {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
  return { cpus: cpus().length, cpuModel, node: process.version, platform: `${process.platform} ${process.arch}` };
};

const mark = (met: boolean): string => (met ? "met" : "**not met**");

/**
 * The least CPU per call a client could cost through spectral's harness in this run: the cheaper of a bare node:http
 * read of the same document and the connector's own transport (request, socket, JSON.parse), plus what spectral's
 * wrappers and the harness's context add around the action's own perform. A CPU target under it cannot be met by
 * the connector's code.
 */
const cpuFloor = (row: OverheadResult): { cpuUs: number; ratio: number } => {
  const cpuOf = (way: Way): number => (row.ways[way] as WayResult).cpuUs;
  const cpuUs = Math.min(cpuOf("bare node:http"), cpuOf("connector's transport")) + cpuOf("action via harness") - cpuOf("action's own perform");
  return { cpuUs, ratio: round(cpuUs / cpuOf("bare fetch"), 3) };
};
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

type Section = "overhead" | "adaptation" | "scale" | "bomFlatten" | "bundle";

interface Results {
  /** When each section last ran, and the 1-, 5- and 15-minute load averages before and after it. */
  takenAt?: Partial<Record<Section, { at: string; loadBefore: number[]; loadAfter: number[] }>>;
  overhead?: OverheadResult[];
  adaptation?: Awaited<ReturnType<typeof measureAdaptation>>;
  scale?: Awaited<ReturnType<typeof measureScale>>;
  bomFlatten?: Awaited<ReturnType<typeof measureBomFlatten>>;
  bundle?: ReturnType<typeof measureBundle>;
}

const tableRows = ({ overhead, adaptation, scale, bomFlatten, bundle }: Results): string[] => [
  ...(overhead ?? []).flatMap((row) => {
    const bare = row.ways["bare fetch"] as WayResult;
    const action = row.ways["action via harness"] as WayResult;
    const layers = Object.entries(row.ways).filter(([way]) => way !== "bare fetch" && way !== "action via harness") as Array<[Way, WayResult]>;
    const floor = cpuFloor(row);
    const belowFloor = !row.targets.cpuRatioMet && floor.ratio > TARGETS.cpuRatio ? ` (the target is under this run's floor, ${floor.ratio}×)` : "";
    return [
      `| 1 | ${row.case}: action via harness vs bare fetch (${row.repeats} × ${row.iterations} rotated; median of medians) | ${action.medianMs} vs ${bare.medianMs} ms = **${action.medianRatio}×** (p95 ${action.p95Ms} vs ${bare.p95Ms} ms) | ${row.targets.medianRatio}: ${mark(row.targets.medianRatioMet)} |`,
      `| 1 | ${row.case}: this process's CPU per call | ${action.cpuUs} vs ${bare.cpuUs} µs = **${action.cpuRatio}×** | ${row.targets.cpuRatio}: ${mark(row.targets.cpuRatioMet)}${belowFloor} |`,
      `| 1 | ${row.case}: CPU floor through the harness (the cheaper of bare node:http and the connector's transport, + spectral's share: harness − action's own perform) | ${floor.cpuUs} µs = ${floor.ratio}× | — |`,
      ...layers.map(([way, result]) => `| 1 | ${row.case}, ${way} | ${result.medianMs} ms (${result.medianRatio}×), CPU ${result.cpuUs} µs (${result.cpuRatio}×) | — |`),
      `| 1 | ${row.case}: requests per call (live-schema adaptation on the happy path) | ${row.requestsPerCall} | ${TARGETS.extraRequestsPerCall} extra: ${mark(row.requestsPerCall === 1)} |`,
    ];
  }),
  ...(adaptation?.rows ?? []).map(
    (row) =>
      `| 1 | live-schema adaptation: ${row.case}, ${row.calls} calls (${adaptation?.rounds} rounds of 3 reads) | ${row.extraRequests} extra requests (${row.extraInFirstRound} in the first round, ${row.introspections} introspection) | ${row.adapts ? `≤ ${TARGETS.extraRequestsPerEndpoint} extra per endpoint per process` : "0 extra"}: ${mark(row.met)} |`,
  ),
  ...(scale
    ? [
        ...scale.rows.map(
          (row) =>
            `| 2 | listComponents fetchAll, ${row.components.toLocaleString("en-US")} components (median of ${row.runs}) | ${row.medianMs} ms, CPU ${row.cpuMsPerThousand} ms/1k items, ${row.requests} requests, peak RSS ${row.peakRssMb} MB | ${row.expectedRequests} requests: ${mark(row.requestsMet)} |`,
        ),
        `| 2 | time ∝ N^k over N ≥ ${scale.exponentFrom.toLocaleString("en-US")} | k = ${scale.timeExponent}; idle child RSS ${scale.baselineRssMb} MB | linear (k ≈ 1) |`,
        `| 2 | CPU per 1,000 items | worst ${Math.max(...scale.rows.filter((row) => row.components >= scale.exponentFrom).map((row) => row.cpuMsPerThousand))} ms | ${scale.targets.cpuPerThousand}: ${mark(scale.targets.cpuPerThousandMet)} |`,
        `| 2 | peak RSS | ${scale.rows[scale.rows.length - 1].peakRssMb} MB | ${scale.targets.peakRss}: ${mark(scale.targets.peakRssMet)} |`,
      ]
    : []),
  ...(bomFlatten === undefined
    ? []
    : bomFlatten.rows.map(
        (row) =>
          `| 3 | BOM flatten depth ${row.depth}, fan-out ${row.fanOut} (${row.descendants.toLocaleString("en-US")} descendants) | ${row.requests} requests, ${row.ms} ms | — |`,
      )),
  ...(bundle
    ? [
        `| 4 | dist/index.js size | ${kib(bundle.rawBytes)} raw, ${kib(bundle.gzipBytes)} gzip, ${bundle.nonAsciiBytes} non-ASCII bytes${bundle.containsJestMock ? ", contains jest-mock" : ""} | ${bundle.targets.size}: ${mark(bundle.targets.sizeMet)} |`,
        `| 4 | cold require (median of ${bundle.coldRequire.runs}) | node + require ${bundle.coldRequire.nodeWithBundleMedianMs} ms vs node -e 0 ${bundle.coldRequire.nodeAloneMedianMs} ms = **+${bundle.coldRequire.aboveNodeMs} ms** (require alone ${bundle.coldRequire.requireInProcessMedianMs} ms, CPU ${bundle.coldRequire.requireCpuMedianMs} ms; spectral's root module alone ${bundle.coldRequire.spectralAloneInProcessMedianMs} ms) | ${bundle.targets.coldRequire}: ${mark(bundle.targets.coldRequireMet)} |`,
      ]
    : []),
];

const previousResults = (): Results => {
  try {
    return JSON.parse(readFileSync(RESULTS, "utf8")) as Results;
  } catch {
    return {};
  }
};

const main = async (): Promise<void> => {
  const takenAt: Results["takenAt"] = {};
  const run = async <T>(section: string, key: Section, title: string, work: () => T | Promise<T>): Promise<T | undefined> => {
    if (!SECTIONS.has(section)) return undefined;
    const loadBefore = load();
    console.log(`… ${section}. ${title} (load average ${loadBefore.join(", ")})`);
    const result = await work();
    takenAt[key] = { at: new Date().toISOString(), loadBefore, loadAfter: load() };
    return result;
  };
  const fresh: Results = {
    overhead: await run("1", "overhead", "per-call overhead (the sandbox in a child process)", measureOverhead),
    adaptation: await run("1", "adaptation", "live-schema adaptation", measureAdaptation),
    scale: await run("2", "scale", "scale (one fresh node process per run)", measureScale),
    bomFlatten: await run("3", "bomFlatten", "BOM flatten", measureBomFlatten),
    bundle: await run("4", "bundle", "bundle", measureBundle),
  };
  const info = machine();
  const loads = Object.entries(takenAt).map(([section, taken]) => `${section} ${taken.loadBefore[0]}→${taken.loadAfter[0]}`);
  console.log(`\n${["| # | measure | result | target |", "|---|---|---|---|", ...tableRows(fresh)].join("\n")}\n`);
  console.log(`Machine: ${info.cpus} × ${info.cpuModel}, node ${info.node}, ${info.platform}${QUICK ? " (BENCH_QUICK: not a full run)" : ""}`);
  console.log(`1-minute load average per section (before→after): ${loads.join(", ")}; idle is below ~0.5 on this machine.`);
  const ran = Object.entries(fresh).filter(([, value]) => value !== undefined);
  const previous = previousResults();
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  const merged = { ...previous, ...Object.fromEntries(ran), takenAt: { ...previous.takenAt, ...takenAt }, quick: QUICK, machine: info };
  writeFileSync(RESULTS, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`Written to ${path.relative(ROOT, RESULTS)}${SECTIONS.size < 4 ? " (the sections not run keep their earlier results)" : ""}`);
};

if (process.env.BENCH_ROLE === SANDBOX_ROLE) {
  serveSandbox().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
