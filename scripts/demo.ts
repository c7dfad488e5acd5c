// The connector's main job, end to end: every action run through spectral's own harness.
// With no DURO_API_KEY it starts the embedded Duro sandbox on 127.0.0.1 (no account needed), once in the classic
// dialect and once as Duro Hub; with DURO_API_KEY (and optionally DURO_ENVIRONMENT, DURO_ENDPOINT,
// DURO_ORGANIZATION, DURO_LIBRARY) it runs against that real Duro account instead, and changes something there
// (creates a change order, validates one, creates a template) only if DURO_DEMO_CREATE=1.
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { SANDBOX_LIBRARY, SANDBOX_ORGANIZATION, startSandbox } from "../fixtures/sandbox";
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

type Fields = Record<string, string | undefined>;

interface Step {
  title: string;
  key: string;
  params?: Record<string, unknown>;
  /** Changes data in Duro: skipped on a real account unless DURO_DEMO_CREATE=1. */
  writes?: boolean;
  /** Shows an error on purpose. */
  fails?: boolean;
  /** A picklist (data source) rather than an action. */
  picklist?: boolean;
}

type Page = { items: Array<{ id: string }>; pageInfo: { endCursor: string | null } } | undefined;

const classicSteps = async (run: (step: Step) => Promise<unknown>): Promise<void> => {
  await run({ title: "Who am I? (with Debug Request on: the key is logged as [REDACTED])", key: "getCurrentUser", params: { debugRequest: "true" } });
  await run({ title: "Company users", key: "listCompanyUsers" });
  const page = (await run({ title: "First 5 components of the company library", key: "listComponents" })) as Page;
  if (page?.pageInfo.endCursor) {
    await run({ title: "The next 3, continuing from endCursor", key: "listComponents", params: { first: "3", after: page.pageInfo.endCursor } });
  }
  const firstId = page?.items[0]?.id;
  if (firstId) await run({ title: `Component ${firstId} in full`, key: "getComponentById", params: { componentId: firstId } });
  await run({ title: "Every component of the company library in one step (Fetch All)", key: "listComponents", params: { fetchAll: "true" } });
  const ids = [...(page?.items.map((item) => item.id) ?? []), "no-such-id"];
  await run({ title: "Several components by ID in one request, the unknown one reported", key: "getComponentsByIds", params: { componentIds: ids.join(",") } });
  await run({ title: "Search: Motors in PRODUCTION", key: "searchComponents", params: { name: "Motor", status: "PRODUCTION", fetchAll: "true", maxItems: "20" } });
  if (firstId) {
    await run({ title: `BOM of ${firstId}: direct children`, key: "getComponentChildren", params: { componentId: firstId } });
    await run({ title: `BOM of ${firstId}, flattened (one request per level)`, key: "getComponentChildren", params: { componentId: firstId, flatten: "true" } });
  }
  await run({ title: "Picklist: Select Component, searching for 'Bracket 1'", key: "selectComponent", params: { search: "Bracket 1" }, picklist: true });
  await run({ title: "Picklist: Select User", key: "selectUser", picklist: true });
  await run({ title: "Change orders, newest change first", key: "listChangeOrders", params: { orderBy: '[{"lastModified": "desc"}]', first: "3" } });
  await run({ title: "Every OPEN ECO", key: "listChangeOrders", params: { status: "OPEN", type: "ECO", fetchAll: "true" } });
  await run({ title: "Create a draft ECO", key: "createChangeOrder", params: { name: "Demo: replace bracket supplier", description: "Created by the connector demo" }, writes: true });
  await run({ title: "Raw Request (the default query)", key: "rawRequest" });
  await run({ title: "An unknown component ID, to show the error a flow builder sees", key: "getComponentById", params: { componentId: "no-such-id" }, fails: true });
  await run({ title: "Get Change Order by ID is Duro Hub only: the error says what to do", key: "getChangeOrderById", params: { changeOrderId: "co-00001" }, fails: true });
};

const hubSteps = async (run: (step: Step) => Promise<unknown>): Promise<void> => {
  await run({ title: "The organization's libraries", key: "listLibraries" });
  await run({ title: "Picklist: Select Library", key: "selectLibrary", picklist: true });
  const page = (await run({ title: "First 3 components of the library", key: "listComponents", params: { first: "3" } })) as Page;
  const firstId = page?.items[0]?.id;
  if (firstId) await run({ title: `Component ${firstId}`, key: "getComponentById", params: { componentId: firstId } });
  const ids = [...(page?.items.map((item) => item.id) ?? []), "no-such-id"];
  await run({ title: "Several components by ID in one request, the unknown one reported", key: "getComponentsByIds", params: { componentIds: ids.join(",") } });
  await run({
    title: "Search with Duro's own filter: CPN 101-… or 102-…, and status DESIGN",
    key: "searchComponents",
    params: { filter: '{"or": [{"cpn": {"startsWith": "101-"}}, {"cpn": {"startsWith": "102-"}}]}', status: "DESIGN", first: "5" },
  });
  await run({ title: "Picklist: Select Component, searching for 'Sensor 2'", key: "selectComponent", params: { search: "Sensor 2" }, picklist: true });
  const orders = (await run({ title: "First 3 change orders", key: "listChangeOrders", params: { first: "3" } })) as Page;
  await run({ title: "Create a draft change order", key: "createChangeOrder", params: { name: "Demo: Hub change order", description: "Created by the connector demo" }, writes: true });
  const orderId = orders?.items[1]?.id;
  if (orderId) {
    await run({ title: `Change order ${orderId}`, key: "getChangeOrderById", params: { changeOrderId: orderId } });
    await run({ title: `Validate change order ${orderId}`, key: "validateChangeOrder", params: { changeOrderId: orderId }, writes: true });
    await run({ title: "Its latest validation run, read back", key: "getLatestValidationRun", params: { changeOrderId: orderId } });
  }
  await run({ title: "Create a change order template (the default YAML)", key: "createChangeOrderTemplate", params: { name: "Demo: dual approval" }, writes: true });
  await run({ title: "Raw Request: the key's own library", key: "rawRequest", params: { query: "{ library { current { id name } } }" } });
  await run({ title: "Get Current User has no documented Duro Hub query: the error says what to do", key: "getCurrentUser", fails: true });
  if (firstId) await run({ title: "Duro Hub documents no BOM field: the error says what to do", key: "getComponentChildren", params: { componentId: firstId }, fails: true });
};

const main = async (): Promise<void> => {
  const harness = createHarness(duroComponent);
  const realKey = process.env.DURO_API_KEY;
  const writes = !realKey || process.env.DURO_DEMO_CREATE === "1";
  let unexpected = 0;

  const runAll = async (description: string, fields: Fields, steps: (run: (step: Step) => Promise<unknown>) => Promise<void>): Promise<void> => {
    console.log(`\n=== ${description} ===`);
    const connection = createConnection(duroApiKey, fields);
    await steps(async ({ title, key, params = {}, writes: changesData, fails, picklist }) => {
      if (changesData && !writes) {
        console.log(`\n▶ ${title}: skipped on a real account (set DURO_DEMO_CREATE=1 to allow changes).`);
        return undefined;
      }
      console.log(`\n▶ ${title}  (${key} ${JSON.stringify(params)})`);
      try {
        const output = picklist
          ? (await harness.dataSource(key, { connection, ...params }, { logger })).result
          : (await harness.action(key, { connection, ...params }, { logger }))?.data;
        console.log(JSON.stringify(forDisplay(output), null, 2).replace(/^/gm, "  "));
        if (fails) unexpected += 1;
        return output;
      } catch (error) {
        if (!fails) unexpected += 1;
        console.log(`  ✗ ${(error as Error).message}`);
        return undefined;
      }
    });
  };

  if (realKey) {
    const fields = {
      apiKey: realKey,
      duroEnvironment: process.env.DURO_ENVIRONMENT ?? "mfg",
      customDuroEnvironment: process.env.DURO_ENDPOINT ?? "",
      organization: process.env.DURO_ORGANIZATION ?? "",
      library: process.env.DURO_LIBRARY ?? "",
    };
    await runAll(`Duro (${fields.duroEnvironment}${fields.customDuroEnvironment ? `, ${fields.customDuroEnvironment}` : ""})`, fields, fields.duroEnvironment === "hub" ? hubSteps : classicSteps);
  } else {
    for (const dialect of ["classic", "v2"] as const) {
      const sandbox = await startSandbox({ dialect });
      try {
        const fields =
          dialect === "classic"
            ? { apiKey: sandbox.apiKey, duroEnvironment: "mfg", customDuroEnvironment: sandbox.url }
            : { apiKey: sandbox.apiKey, duroEnvironment: "hub", customDuroEnvironment: sandbox.url, organization: SANDBOX_ORGANIZATION.slug, library: SANDBOX_LIBRARY.slug };
        await runAll(`Embedded Duro sandbox, ${dialect === "classic" ? "classic API (Main/MFG)" : "Duro Hub (API v2)"} at ${sandbox.url}`, fields, dialect === "classic" ? classicSteps : hubSteps);
      } finally {
        await sandbox.stop();
      }
    }
  }
  console.log(unexpected === 0 ? "\nDemo finished: every action ran as expected." : `\nDemo finished with ${unexpected} unexpected result(s).`);
  process.exitCode = unexpected === 0 ? 0 : 1;
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
