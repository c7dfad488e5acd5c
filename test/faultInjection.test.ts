// A sandbox failing about 1 request in 3 with rate limits (HTTP 429 and RATE_LIMITED),
// HTTP 503 and dropped connections (before and after the operation ran). Reads must all succeed through retries;
// change orders must be created exactly as many times as asked, because a mutation is never retried once it may
// have reached Duro, and the flow (here, the test) checks before creating again after such a failure.
import { DuroError } from "../src/client/errors";
import { Fault } from "../fixtures/sandbox";
import { recordingLogger, runAction, sandboxConnection, useSandbox } from "./support";

const FAULT_MIX: Fault[] = [
  { type: "http", status: 429, headers: { "Retry-After": "1" } },
  { type: "graphql", code: "RATE_LIMITED", message: "Rate limit exceeded", retryAfter: 1 },
  { type: "http", status: 503 },
  { type: "drop" },
  { type: "drop-after-execute" },
];

// Duro's Retry-After of 1 s is capped to 5 ms here so the suite does not sleep for real seconds; 10 attempts make
// a read that fails every time about as likely as (1/3)^10.
const FAST_RETRIES = { maxAttempts: "10", retryBaseDelayMs: "2", retryMaxDelayMs: "5" };

const READS: Array<[string, Record<string, unknown>]> = [
  ["getComponentById", { componentId: "cmp-00002" }],
  ["listComponents", { first: "10" }],
  ["listChangeOrders", { first: "3" }],
  ["getCurrentUser", {}],
  ["listCompanyUsers", {}],
  ["rawRequest", { query: "query Probe { userById { id } }" }],
];

const READ_COUNT = 200;
const CREATE_COUNT = 20;
const RETRY_LINE = /^warn: Duro (query|mutation) (\w+): (.+) on attempt \d+ of \d+; retrying in \d+ ms\.$/;

describe("fault injection: 1 request in 3 fails", () => {
  const sandbox = useSandbox();
  afterEach(() => sandbox().stopFailingRandomly());

  it("fails about 1 request in 3, the same ones for the same seed", async () => {
    const connection = sandboxConnection(sandbox(), { maxAttempts: "1" });
    const faultsOfOneRun = async (): Promise<Array<string | undefined>> => {
      sandbox().clearRequests();
      sandbox().failRandomly({ oneIn: 3, faults: FAULT_MIX, seed: 1 });
      for (let index = 0; index < 60; index += 1) await runAction("getCurrentUser", { connection }).catch(() => undefined);
      return sandbox().requests.map((request) => request.fault);
    };
    const first = await faultsOfOneRun();
    expect(await faultsOfOneRun()).toEqual(first);
    expect(first.filter(Boolean).length).toBeGreaterThanOrEqual(10);
    expect(first.filter(Boolean).length).toBeLessThanOrEqual(30);
  });

  it(`${READ_COUNT} reads succeed with no user-visible failure, through retries`, async () => {
    sandbox().failRandomly({ oneIn: 3, faults: FAULT_MIX, seed: 6 });
    const { lines, logger } = recordingLogger();
    const connection = sandboxConnection(sandbox(), FAST_RETRIES);

    const failures: string[] = [];
    for (let index = 0; index < READ_COUNT; index += 1) {
      const [key, params] = READS[index % READS.length];
      await runAction(key, { connection, ...params }, { logger }).catch((error: Error) => failures.push(`${key}: ${error.message}`));
    }

    const retries = lines.filter((line) => RETRY_LINE.test(line));
    const faulted = sandbox().requests.filter((request) => request.fault !== undefined);
    // The retry count is this test's report: it shows in the test output how hard the retries worked.
    // eslint-disable-next-line no-console
    console.info(`${READ_COUNT} reads: ${sandbox().requests.length} requests, ${faulted.length} faults injected, ${retries.length} retries`);
    expect(failures).toEqual([]);
    expect(retries.length).toBeGreaterThan(0);
    // Every injected fault on a read was retried: one retry line per faulted request.
    expect(retries).toHaveLength(faulted.length);
    expect(sandbox().requests).toHaveLength(READ_COUNT + retries.length);
  });

  it(`creates exactly ${CREATE_COUNT} change orders, none twice`, async () => {
    sandbox().failRandomly({ oneIn: 3, faults: FAULT_MIX, seed: 66 });
    const { lines, logger } = recordingLogger();
    const connection = sandboxConnection(sandbox(), FAST_RETRIES);
    const before = sandbox().data.changeOrders.length;
    const names = Array.from({ length: CREATE_COUNT }, (_, index) => `Fault injection ${index + 1}`);
    const existsInDuro = async (name: string): Promise<boolean> => {
      const { data } = (await runAction("listChangeOrders", { connection, fetchAll: "true" }, { logger })) as { data: { items: Array<{ name: string }> } };
      return data.items.some((item) => item.name === name);
    };

    let uncertainFailures = 0;
    for (const name of names) {
      let created = false;
      while (!created) {
        try {
          await runAction("createChangeOrder", { connection, name }, { logger });
          created = true;
        } catch (error) {
          // The client said Duro may have carried it out: check, as its message tells a flow builder to.
          if (!(error instanceof DuroError) || !error.message.includes("check in Duro before running the step again")) throw error;
          uncertainFailures += 1;
          created = await existsInDuro(name);
        }
      }
    }

    const createdNames = sandbox().data.changeOrders.slice(before).map((changeOrder) => changeOrder.name);
    const mutationRetries = lines.map((line) => RETRY_LINE.exec(line)).filter((match) => match?.[2] === "CreateChangeOrder");
    // eslint-disable-next-line no-console
    console.info(
      `${CREATE_COUNT} creates: ${mutationRetries.length} mutation retries (rate limits only), ${uncertainFailures} failures that may have reached Duro, checked before creating again`,
    );
    expect(createdNames.sort()).toEqual([...names].sort());
    expect(mutationRetries.length).toBeGreaterThan(0);
    expect(mutationRetries.map((match) => match?.[3])).toEqual(
      mutationRetries.map(() => expect.stringMatching(/^(HTTP 429 \(rate limited\)|RATE_LIMITED)$/)),
    );
    expect(uncertainFailures).toBeGreaterThan(0);
  });
});
