// `npm run bench`: what the connector costs per call, at scale, and as a bundle, against the embedded sandbox on
// 127.0.0.1. Prints a table and writes bench/results.json. Targets are reported here, never asserted by the tests.
// BENCH_QUICK=1 runs few iterations and small sizes, for working on the benchmark itself. BENCH_SECTIONS=3 (or 1,4 …)
// runs only those sections and replaces only theirs in bench/results.json.
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { DuroSandbox, startSandbox } from "../fixtures/sandbox";
import { SeedOptions } from "../fixtures/seed";
import { GraphQLClient } from "graphql-request";
import duroComponent from "../src";
import { DuroClient } from "../src/client/duroClient";
import { MAX_PAGE_SIZE } from "../src/client/pagination";
import { duroApiKey } from "../src/connections/duroApiKey";
import { GET_COMPONENT, LIST_COMPONENTS } from "../src/operations/components";

const QUICK = process.env.BENCH_QUICK === "1";
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? "1,2,3,4").split(",").map((section) => section.trim()));
const ROOT = path.resolve(__dirname, "..");
const BUNDLE = path.join(ROOT, "dist", "index.js");
const RESULTS = path.join(ROOT, "bench", "results.json");
const SPECTRAL_TESTING = require.resolve("@prismatic-io/spectral/dist/testing");

const OVERHEAD = { warmup: QUICK ? 20 : 200, iterations: QUICK ? 50 : 1000, seedComponents: 200 };
const SCALE_SIZES = QUICK ? [1_000, 5_000] : [1_000, 10_000, 50_000];
const SCALE_RUNS = QUICK ? 1 : 3;
const SANDBOX_WARMUP_PAGES = 30;
const BOM_DEPTHS = QUICK ? [2] : [2, 4, 6];
const BOM_FAN_OUT = 5;
const REQUIRE_RUNS = QUICK ? 3 : 9;
/** A child that takes longer than this is stuck, not slow (50,000 components take seconds). */
const CHILD_TIMEOUT_MS = 300_000;

const TARGETS = { overheadRatio: 1.15, peakRssMb: 300, coldRequireMs: 300 };

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

const connectionTo = (sandbox: DuroSandbox) =>
  createConnection(duroApiKey, { apiKey: sandbox.apiKey, duroEnvironment: "mfg", customDuroEnvironment: sandbox.url });

const withSandbox = async <T>(seed: SeedOptions, work: (sandbox: DuroSandbox) => Promise<T>): Promise<T> => {
  const sandbox = await startSandbox({ seed });
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

// ── 1. Per-call overhead ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * How one call is made. `bare` and `action` are the comparison the target is about; for getComponentById the layers
 * in between are timed too, so a miss shows where the time goes: graphql-request alone, the connector's client, and
 * the action's perform with a plain context (what the platform calls, without the test harness's jest-mock context).
 */
type Way = "bare fetch" | "graphql-request" | "DuroClient.request" | "action perform, plain context" | "action via harness";

interface OverheadCase {
  name: string;
  ways: Way[];
  action: { key: string; params: Record<string, unknown> };
  document: string;
  variables: Record<string, unknown>;
}

interface Timing {
  median: number;
  p95: number;
  /** This way's median over the bare fetch's median. */
  medianRatio: number;
}

interface OverheadResult {
  case: string;
  iterations: number;
  ways: Partial<Record<Way, Timing>>;
  p95Ratio: number;
  target: string;
  met: boolean;
}

const LIST_PAGE_CASE: OverheadCase = {
  name: "listComponents first=100",
  ways: ["bare fetch", "action via harness"],
  action: { key: "listComponents", params: { first: String(MAX_PAGE_SIZE) } },
  document: [LIST_COMPONENTS.documents.classic].flat()[0]!.document,
  variables: { libraryType: "GENERAL", first: MAX_PAGE_SIZE },
};

const overheadCases: OverheadCase[] = [
  {
    name: "getComponentById",
    ways: ["bare fetch", "graphql-request", "DuroClient.request", "action perform, plain context", "action via harness"],
    action: { key: "getComponentById", params: { componentId: "cmp-00001" } },
    document: [GET_COMPONENT.documents.classic].flat()[0]!.document,
    variables: { ids: ["cmp-00001"] },
  },
  LIST_PAGE_CASE,
];

const callFor = (way: Way, sandbox: DuroSandbox, { action, document, variables }: OverheadCase): (() => Promise<unknown>) => {
  const connection = connectionTo(sandbox);
  const fields = { apiKey: sandbox.apiKey, duroEnvironment: "mfg", customDuroEnvironment: sandbox.url };
  switch (way) {
    case "bare fetch":
      // The same document POSTed with nothing around it: the floor any client pays.
      return async () => {
        const response = await fetch(sandbox.url, {
          method: "POST",
          headers: { "content-type": "application/json", apitoken: sandbox.apiKey },
          body: JSON.stringify({ query: document, variables }),
        });
        const body = (await response.json()) as { errors?: unknown };
        if (!response.ok || body.errors) throw new Error(`Bare fetch failed: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
      };
    case "graphql-request":
      return () => new GraphQLClient(sandbox.url, { headers: { apiToken: sandbox.apiKey }, errorPolicy: "all" }).rawRequest(document, variables);
    case "DuroClient.request":
      return () => new DuroClient(fields, { logger: silentLogger, debug: false }).request(document, variables);
    case "action perform, plain context": {
      const { perform, inputs } = duroComponent.actions[action.key];
      const defaults = Object.fromEntries(inputs.map((input) => [input.key, input.default ?? ""]));
      const context = { logger: silentLogger } as unknown as Parameters<typeof perform>[0];
      return () => perform(context, { ...defaults, connection, ...action.params });
    }
    case "action via harness":
      return () => harness.action(action.key, { connection, ...action.params }, { logger: silentLogger });
  }
};

const measureOverhead = (): Promise<OverheadResult[]> =>
  withSandbox({ components: OVERHEAD.seedComponents }, async (sandbox) => {
    const results: OverheadResult[] = [];
    for (const benchCase of overheadCases) {
      const calls = benchCase.ways.map((way) => ({ way, call: callFor(way, sandbox, benchCase), times: [] as number[] }));
      for (let i = 0; i < OVERHEAD.warmup; i += 1) {
        for (const { call } of calls) await call();
      }
      // Interleaved, and the order flips every iteration, so drift on a shared machine hits every way alike.
      for (let i = 0; i < OVERHEAD.iterations; i += 1) {
        for (const { call, times } of i % 2 === 0 ? calls : [...calls].reverse()) times.push(await timed(call));
      }
      const bare = calls[0].times;
      const action = calls[calls.length - 1].times;
      const ways = Object.fromEntries(
        calls.map(({ way, times }) => [
          way,
          { median: round(median(times), 3), p95: round(percentile(times, 95), 3), medianRatio: round(median(times) / median(bare), 3) },
        ]),
      );
      const medianRatio = median(action) / median(bare);
      results.push({
        case: benchCase.name,
        iterations: OVERHEAD.iterations,
        ways,
        p95Ratio: round(percentile(action, 95) / percentile(bare, 95), 3),
        target: `action via harness: median ratio ≤ ${TARGETS.overheadRatio}`,
        met: medianRatio <= TARGETS.overheadRatio,
      });
    }
    return results;
  });

// ── 2. Scale: listComponents with fetchAll, each run in a fresh node process ───────────────────────────────────────

/**
 * Runs in a child `node` (no ts-node, no sandbox in it): loads the published bundle and spectral's harness, reads a
 * few single pages first so the timed read does not pay first-call compilation and the first connection (they ask for
 * 99 items, so the parent can tell them from the read's 100-item pages), reads the whole list once, and reports its wall time and the process's peak RSS, so the memory is the connector's
 * alone. With no BENCH_URL it only loads, which gives the baseline the list's cost sits on.
 */
const SCALE_CHILD = `
const { performance } = require("node:perf_hooks");
const { createConnection, createHarness } = require(process.env.BENCH_SPECTRAL_TESTING);
const component = require(process.env.BENCH_BUNDLE).default;
const silent = () => undefined;
const logger = { trace: silent, debug: silent, info: silent, log: silent, warn: silent, error: silent, metric: silent };
const main = async () => {
  let ms = 0;
  let items = 0;
  if (process.env.BENCH_URL) {
    const connection = createConnection({ key: "duroApiKey" }, { apiKey: process.env.BENCH_API_KEY, duroEnvironment: "mfg", customDuroEnvironment: process.env.BENCH_URL });
    const harness = createHarness(component);
    for (let page = 0; page < 5; page += 1) await harness.action("listComponents", { connection, first: "99" }, { logger });
    const params = { connection, fetchAll: "true", maxItems: process.env.BENCH_MAX_ITEMS };
    const started = performance.now();
    const result = await harness.action("listComponents", params, { logger });
    ms = performance.now() - started;
    items = result.data.items.length;
  }
  process.stdout.write(JSON.stringify({ ms, items, maxRssKb: process.resourceUsage().maxRSS }));
};
main().catch((error) => { console.error(error); process.exit(1); });
`;

interface ChildReport {
  ms: number;
  items: number;
  maxRssKb: number;
}

/** The child runs while this process serves its requests, so it must not block: spawn asynchronously. */
const runScaleChild = (env: Record<string, string>): Promise<ChildReport> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["-e", SCALE_CHILD],
      { cwd: ROOT, env: { ...process.env, BENCH_BUNDLE: BUNDLE, BENCH_SPECTRAL_TESTING: SPECTRAL_TESTING, ...env }, maxBuffer: 1 << 20, timeout: CHILD_TIMEOUT_MS },
      (error, stdout, stderr) => (error ? reject(new Error(`Scale child failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout) as ChildReport)),
    );
  });

interface ScaleRow {
  components: number;
  runs: number;
  medianMs: number;
  msPerThousand: number;
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
        // Only the read's requests: the child's warm-up pages ask for 99 items, every page of the read for 100.
        const listRequests = sandbox.requests.filter((request) => request.variables?.first === MAX_PAGE_SIZE);
        requests = Math.max(requests, listRequests.length);
      }
      const medianMs = median(reports.map((report) => report.ms));
      const expectedRequests = Math.ceil(size / MAX_PAGE_SIZE);
      return {
        components: size,
        runs: SCALE_RUNS,
        medianMs: round(medianMs, 1),
        msPerThousand: round((medianMs / size) * 1000, 2),
        requests,
        expectedRequests,
        requestsMet: requests === expectedRequests,
        peakRssMb: mb(Math.max(...reports.map((report) => report.maxRssKb))),
        items: Math.min(...reports.map((report) => report.items)),
      };
    });
    rows.push(row);
  }
  const exponent = fittedExponent(rows.map((row) => ({ n: row.components, ms: row.medianMs })));
  const largest = rows[rows.length - 1];
  return {
    baselineRssMb: mb(baseline.maxRssKb),
    rows,
    timeExponent: round(exponent, 3),
    targets: {
      requests: "requests = ceil(N / 100)",
      requestsMet: rows.every((row) => row.requestsMet),
      peakRss: `peak RSS at ${largest.components} < ${TARGETS.peakRssMb} MB`,
      peakRssMet: largest.peakRssMb < TARGETS.peakRssMb,
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
const started = process.hrtime.bigint();
require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
`;

const coldRequireMs = (modulePath: string): number => {
  const child = spawnSync(process.execPath, ["-e", REQUIRE_CHILD, modulePath], { cwd: ROOT, encoding: "utf8", timeout: CHILD_TIMEOUT_MS });
  if (child.status !== 0) throw new Error(`require(${modulePath}) failed in a fresh node: ${child.stderr}`);
  return Number(child.stdout);
};

const measureBundle = () => {
  const bundle = readFileSync(BUNDLE);
  const spectral = require.resolve("@prismatic-io/spectral");
  const bundleTimes: number[] = [];
  const spectralTimes: number[] = [];
  for (let run = 0; run < REQUIRE_RUNS; run += 1) {
    bundleTimes.push(coldRequireMs(BUNDLE));
    spectralTimes.push(coldRequireMs(spectral));
  }
  const bundleMedian = median(bundleTimes);
  return {
    file: "dist/index.js",
    rawBytes: bundle.length,
    gzipBytes: gzipSync(bundle).length,
    containsJestMock: bundle.includes("mockImplementationOnce"),
    coldRequire: {
      runs: REQUIRE_RUNS,
      bundleMedianMs: round(bundleMedian, 1),
      spectralAloneMedianMs: round(median(spectralTimes), 1),
      target: `< ${TARGETS.coldRequireMs} ms`,
      met: bundleMedian < TARGETS.coldRequireMs,
    },
  };
};

// ── Report ──────────────────────────────────────────────────────────────────────────────────────────────────────────

const machine = () => {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
  return { cpus: cpus().length, cpuModel, node: process.version, platform: `${process.platform} ${process.arch}` };
};

const mark = (met: boolean): string => (met ? "✓" : "✗ MISSED");

interface Results {
  /** When each section last ran. */
  takenAt?: Partial<Record<Section, string>>;
  overhead?: OverheadResult[];
  scale?: Awaited<ReturnType<typeof measureScale>>;
  bomFlatten?: Awaited<ReturnType<typeof measureBomFlatten>>;
  bundle?: ReturnType<typeof measureBundle>;
}

const tableRows = ({ overhead, scale, bomFlatten, bundle }: Results): string[] => [
  ...(overhead ?? []).flatMap((row) => {
    const bare = row.ways["bare fetch"] as Timing;
    const action = row.ways["action via harness"] as Timing;
    return [
      `| 1 | ${row.case}: action via harness vs bare fetch (${row.iterations} interleaved) | median ${action.median} vs ${bare.median} ms, p95 ${action.p95} vs ${bare.p95} ms, ratio ${action.medianRatio} (p95 ${row.p95Ratio}) | ${row.target} ${mark(row.met)} |`,
      ...Object.entries(row.ways)
        .filter(([way]) => way !== "bare fetch" && way !== "action via harness")
        .map(([way, timing]) => `| 1 | ${row.case}, layer: ${way} | median ${timing.median} ms, ratio ${timing.medianRatio} | — |`),
    ];
  }),
  ...(scale
    ? [
        ...scale.rows.map(
          (row) =>
            `| 2 | listComponents fetchAll, ${row.components.toLocaleString("en-US")} components (median of ${row.runs}) | ${row.medianMs} ms (${row.msPerThousand} ms/1k), ${row.requests} requests, peak RSS ${row.peakRssMb} MB | ${row.expectedRequests} requests ${mark(row.requestsMet)} |`,
        ),
        `| 2 | time ∝ N^k | k = ${scale.timeExponent}; idle child RSS ${scale.baselineRssMb} MB | linear (k ≈ 1) · ${scale.targets.peakRss} ${mark(scale.targets.peakRssMet)} |`,
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
        `| 4 | dist/index.js size | ${(bundle.rawBytes / 1024).toFixed(0)} KiB raw, ${(bundle.gzipBytes / 1024).toFixed(0)} KiB gzip${bundle.containsJestMock ? ", contains jest-mock" : ""} | — |`,
        `| 4 | cold require (median of ${bundle.coldRequire.runs}) | bundle ${bundle.coldRequire.bundleMedianMs} ms vs @prismatic-io/spectral alone ${bundle.coldRequire.spectralAloneMedianMs} ms | ${bundle.coldRequire.target} ${mark(bundle.coldRequire.met)} |`,
      ]
    : []),
];

type Section = "overhead" | "scale" | "bomFlatten" | "bundle";

const previousResults = (): Results => {
  try {
    return JSON.parse(readFileSync(RESULTS, "utf8")) as Results;
  } catch {
    return {};
  }
};

const main = async (): Promise<void> => {
  const run = async <T>(section: string, title: string, work: () => T | Promise<T>): Promise<T | undefined> => {
    if (!SECTIONS.has(section)) return undefined;
    console.log(`… ${section}. ${title}`);
    return work();
  };
  const fresh: Results = {
    overhead: await run("1", "per-call overhead", measureOverhead),
    scale: await run("2", "scale (one fresh node process per run)", measureScale),
    bomFlatten: await run("3", "BOM flatten", measureBomFlatten),
    bundle: await run("4", "bundle", measureBundle),
  };
  const info = machine();
  console.log(`\n${["| # | measure | result | target |", "|---|---|---|---|", ...tableRows(fresh)].join("\n")}\n`);
  console.log(`Machine: ${info.cpus} × ${info.cpuModel}, node ${info.node}, ${info.platform}${QUICK ? " (BENCH_QUICK: not a full run)" : ""}`);
  const ran = Object.entries(fresh).filter(([, value]) => value !== undefined);
  const previous = previousResults();
  const now = new Date().toISOString();
  const takenAt = { ...previous.takenAt, ...Object.fromEntries(ran.map(([section]) => [section, now])) };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify({ ...previous, ...Object.fromEntries(ran), takenAt, quick: QUICK, machine: info }, null, 2)}\n`);
  console.log(`Written to ${path.relative(ROOT, RESULTS)}${SECTIONS.size < 4 ? " (the sections not run keep their earlier results)" : ""}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
