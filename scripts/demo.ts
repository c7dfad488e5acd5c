// The connector's main job, end to end: every action run through spectral's own harness.
// With no DURO_API_KEY it starts the embedded Duro sandbox on 127.0.0.1 (no account needed); with DURO_API_KEY
// (and optionally DURO_ENVIRONMENT, DURO_ENDPOINT, DURO_ORGANIZATION, DURO_LIBRARY) it runs against a real Duro
// account instead, and creates a change order there only if DURO_DEMO_CREATE=1.
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { DuroSandbox, startSandbox } from "../fixtures/sandbox";
import duroComponent from "../src";
import { duroApiKey } from "../src/connections/duroApiKey";

const MAX_ITEMS_SHOWN = 3;

const logger = {
  info: (...args: unknown[]) => console.log("    log:", ...args),
  warn: (...args: unknown[]) => console.log("    warn:", ...args),
  error: (...args: unknown[]) => console.log("    error:", ...args),
  debug: (...args: unknown[]) => console.log("    debug:", ...args),
  trace: () => undefined,
  log: (...args: unknown[]) => console.log("    log:", ...args),
  metric: () => undefined,
};

/** Long lists are cut for the screen; the count says how many there were. */
const forDisplay = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS_SHOWN).map(forDisplay);
    return value.length > MAX_ITEMS_SHOWN ? [...shown, `… ${value.length - MAX_ITEMS_SHOWN} more`] : shown;
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, forDisplay(item)]));
  }
  return value;
};

const main = async (): Promise<void> => {
  const realKey = process.env.DURO_API_KEY;
  let sandbox: DuroSandbox | undefined;
  const fields = realKey
    ? {
        apiKey: realKey,
        duroEnvironment: process.env.DURO_ENVIRONMENT ?? "mfg",
        customDuroEnvironment: process.env.DURO_ENDPOINT ?? "",
        organization: process.env.DURO_ORGANIZATION ?? "",
        library: process.env.DURO_LIBRARY ?? "",
      }
    : await startSandbox().then((started) => {
        sandbox = started;
        return { apiKey: started.apiKey, duroEnvironment: "mfg", customDuroEnvironment: started.url };
      });
  console.log(realKey ? `Running against Duro (${fields.duroEnvironment}${fields.customDuroEnvironment ? `, ${fields.customDuroEnvironment}` : ""})` : `Running against the embedded Duro sandbox at ${fields.customDuroEnvironment}`);

  const harness = createHarness(duroComponent);
  let failures = 0;
  const run = async (title: string, key: string, params: Record<string, unknown> = {}): Promise<unknown> => {
    console.log(`\n▶ ${title}  (${key} ${JSON.stringify(params)})`);
    try {
      const result = await harness.action(key, { connection, ...params }, { logger });
      console.log(JSON.stringify(forDisplay(result?.data), null, 2).replace(/^/gm, "  "));
      return result?.data;
    } catch (error) {
      failures += 1;
      console.log(`  ✗ ${(error as Error).message}`);
      return undefined;
    }
  };

  const connection = createConnection(duroApiKey, fields);
  try {
    await run("Who am I? (with Debug Request on: the key is logged as [REDACTED])", "getCurrentUser", { debugRequest: "true" });
    await run("Company users", "listCompanyUsers");
    const page = (await run("First 5 components of the company library", "listComponents")) as
      | { items: Array<{ id: string }>; pageInfo: { endCursor: string | null } }
      | undefined;
    if (page?.pageInfo.endCursor) {
      await run("The next 3, continuing from endCursor", "listComponents", { first: "3", after: page.pageInfo.endCursor });
    }
    const firstId = page?.items[0]?.id;
    if (firstId) await run(`Component ${firstId} in full`, "getComponentById", { componentId: firstId });
    await run("Change orders, newest change first", "listChangeOrders", { orderBy: '[{"lastModified": "desc"}]', first: "3" });
    if (!realKey || process.env.DURO_DEMO_CREATE === "1") {
      await run("Create a draft ECO", "createChangeOrder", { name: "Demo: replace bracket supplier", description: "Created by the connector demo" });
    } else {
      console.log("\n▶ Create a draft ECO: skipped on a real account (set DURO_DEMO_CREATE=1 to create one).");
    }
    await run("Raw Request (the default query)", "rawRequest");
    await run("An unknown component ID, to show the error a flow builder sees", "getComponentById", { componentId: "no-such-id" });
  } finally {
    await sandbox?.stop();
  }
  // The last step fails on purpose; anything beyond that is a real failure.
  const expectedFailures = 1;
  console.log(failures === expectedFailures ? "\nDemo finished: every action ran." : `\nDemo finished with ${failures - expectedFailures} unexpected failure(s).`);
  process.exitCode = failures === expectedFailures ? 0 : 1;
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
