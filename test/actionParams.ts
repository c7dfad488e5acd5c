// Valid inputs for every action of the component, for the suite that goes over all of them (test/everyAction.test.ts:
// example shape, hostile input, no secrets). An action added without an entry here fails that suite until it gets one:
// add its required inputs, and the dialect whose sandbox offers it.
import duroComponent from "../src";
import { DuroSandbox, SANDBOX_LIBRARY, SandboxDialect } from "../fixtures/sandbox";
import { StoredWebhook } from "../fixtures/webhooks";

export interface ActionParams {
  dialect: SandboxDialect;
  /** The action's inputs besides the connection, valid on that dialect's sandbox. */
  params: Record<string, unknown>;
  /**
   * Secret values among `params` (e.g. a webhook's signingSecret): the no-secret suite checks that none of
   * them, like the API key, appears in a log line, an error or the output.
   */
  secrets?: string[];
  /**
   * Secrets the action never sends but must never surface either (a stored webhook's signing secret): the suite checks
   * they appear nowhere, without having servers echo them (a server cannot echo what it was not sent).
   */
  hidden?: string[];
  /** Makes the records `params` refer to exist in the sandbox (again), before each run. */
  prepare?: (sandbox: DuroSandbox) => void;
  /**
   * The run whose output the example payload shows, where it is not `params` on `dialect`: the every-action suite
   * checks the example's shape against it, and that the output fills every object and list the example shows.
   */
  example?: {
    dialect?: SandboxDialect;
    params?: Record<string, unknown>;
    /** Parts of the example this run leaves null or empty, whose shape the named suite checks instead. */
    unfilled?: Record<string, string>;
  };
}

const SIGNING_SECRET = "params-signing-secret-0123456789abcdef";
const NEW_SIGNING_SECRET = "params-new-signing-secret-fedcba9876543210";
const WEBHOOK_ID = "wh-params-0001";
/** The flow URL spectral's testing context gives an instance: Delete Instance Webhooks archives the webhooks there. */
const HARNESS_FLOW_URL = "https://example.com";
const CHANGE_ORDER_ID = "co-00002";

/** A live webhook with WEBHOOK_ID in the sandbox library, un-archived if a previous run archived it, with one delivery logged. */
const ensureWebhook = (sandbox: DuroSandbox): StoredWebhook => {
  const { webhooks, logs } = sandbox.hubStore.webhooks;
  if (!logs.some((log) => log.webhookId === WEBHOOK_ID)) {
    logs.push({
      id: "log-params-0001",
      webhookId: WEBHOOK_ID,
      event: "components.updated",
      payload: { event: "components.updated", eventId: "evt-params-0001", sourceId: "nats-msg-1", timestamp: "2025-01-01T00:00:00.000Z", metadata: { componentId: "cmp-00001", revisionValue: "1.B", version: 2 } },
      status: "DELIVERED",
      responseCode: 200,
      responseTimeMs: 12,
      errorMessage: null,
      attemptCount: 1,
      nextRetryAt: null,
      isAcknowledged: true,
      createdAt: "2025-01-01T00:00:00.000Z",
    });
  }
  const existing = webhooks.find((webhook) => webhook.id === WEBHOOK_ID);
  if (existing) {
    existing.isArchived = false;
    return existing;
  }
  const webhook: StoredWebhook = {
    id: WEBHOOK_ID,
    libraryId: SANDBOX_LIBRARY.id,
    name: "Params webhook",
    description: null,
    url: "https://hooks.example.com/params",
    events: ["COMPONENT_UPDATED"],
    isEnabled: true,
    isArchived: false,
    signingSecret: SIGNING_SECRET,
    timeoutSeconds: 30,
    maxRetries: 3,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
  };
  webhooks.push(webhook);
  return webhook;
};

/** CHANGE_ORDER_ID's description made too short to explain its impact, so that its validation warns as well as fails. */
const shortenDescription = (sandbox: DuroSandbox): void => {
  const changeOrder = sandbox.data.changeOrders.find((candidate) => candidate.id === CHANGE_ORDER_ID);
  if (changeOrder) changeOrder.description = "Short";
};

/** A stored validation run of CHANGE_ORDER_ID with a failure and a warning, as Validate Change Order leaves one. */
const ensureValidationRun = (sandbox: DuroSandbox): void => {
  const runs = sandbox.hubStore.validationRuns;
  if (runs.some((run) => run.changeOrderId === CHANGE_ORDER_ID)) return;
  runs.push({
    id: "vr-params-0001",
    changeOrderId: CHANGE_ORDER_ID,
    state: "FAIL",
    createdAt: "2025-01-01T00:00:00.000Z",
    createdBy: { name: "Ada Lovelace" },
    summary: { passCount: 1, failCount: 1, warningCount: 1 },
    results: [
      { name: "Required fields must be populated", state: "PASS", errorMessage: null },
      { name: "Items must not exist in other OPEN Change Orders", state: "FAIL", errorMessage: "Item 100-00001 exists in Change Order CO-0001" },
      { name: "Description explains the impact", state: "WARNING", errorMessage: "Description is shorter than 20 characters: say what changes and why" },
    ],
  });
};

const withWebhook = (params: Record<string, unknown> = {}, secrets: string[] = []): ActionParams => ({
  dialect: "hub",
  params: { webhookId: WEBHOOK_ID, ...params },
  secrets,
  hidden: [SIGNING_SECRET],
  prepare: ensureWebhook,
});

export const VALID_TEMPLATE_YAML = 'version: "1.0"\nschema_type: change_order_scheme\nstages:\n  open:\n    - name: Review\n';

export const ACTION_PARAMS: Record<string, ActionParams> = {
  archiveWebhook: withWebhook(),
  createWebhook: {
    dialect: "hub",
    params: { name: "Params webhook (new)", url: "https://hooks.example.com/new", events: "COMPONENT_CREATED", signingSecret: SIGNING_SECRET, timeoutSeconds: "30", maxRetries: "3", isEnabled: "true" },
    secrets: [SIGNING_SECRET],
  },
  // Archives the webhooks at the harness's own flow URL, here the stored one, whose secret must not surface either.
  deleteInstanceWebhooks: {
    dialect: "hub",
    params: {},
    hidden: [SIGNING_SECRET],
    prepare: (sandbox) => {
      ensureWebhook(sandbox).url = HARNESS_FLOW_URL;
    },
  },
  getWebhook: withWebhook(),
  getWebhookLogs: withWebhook(),
  listWebhooks: { dialect: "hub", params: { onlyThisInstance: "false" } },
  updateWebhook: withWebhook({ enabled: "disable", addEvents: "COMPONENT_DELETED", removeEvents: "COMPONENT_UPDATED", name: "Params webhook", url: "https://hooks.example.com/params", signingSecret: NEW_SIGNING_SECRET, timeoutSeconds: "60", maxRetries: "2" }, [NEW_SIGNING_SECRET]),
  checkConnection: { dialect: "classic", params: {}, example: { unfilled: { "$.data.warnings": "test/checkConnection.test.ts, with a key about to expire" } } },
  createChangeOrder: { dialect: "classic", params: { name: "Hostile input check", description: "Made by a test", type: "ECO" } },
  // The example shows the template of the default configYAML.
  createChangeOrderTemplate: { dialect: "hub", params: { name: "Hostile input template", configYAML: VALID_TEMPLATE_YAML }, example: { params: { name: "Example template" } } },
  createComponent: {
    dialect: "hub",
    params: { name: "Hostile input component", description: "Made by a test", categoryId: "category-mechanical", statusId: "status-design", revisionValue: "1.A", eid: "ERP-000042" },
  },
  updateComponent: {
    dialect: "hub",
    params: { componentId: "cmp-00001", name: "Resistor 1", description: "Updated by a test", categoryId: "category-electrical", statusId: "status-prototype", revisionValue: "1.B", eid: "ERP-000001" },
  },
  getChangeOrderById: { dialect: "hub", params: { changeOrderId: CHANGE_ORDER_ID } },
  getComponentById: { dialect: "classic", params: { componentId: "cmp-00001" } },
  getComponentChildren: { dialect: "classic", params: { componentId: "cmp-00001", flatten: "true" } },
  getComponentsByIds: { dialect: "classic", params: { componentIds: '["cmp-00001", "cmp-00002", "cmp-99999"]' } },
  getCurrentUser: { dialect: "classic", params: {} },
  getLatestValidationRun: { dialect: "hub", params: { changeOrderId: CHANGE_ORDER_ID }, prepare: ensureValidationRun },
  listChangeOrders: { dialect: "classic", params: { first: "2", status: "DRAFT", type: "ECO" } },
  listCompanyUsers: { dialect: "classic", params: {} },
  listComponents: { dialect: "classic", params: { first: "2" } },
  listLibraries: { dialect: "hub", params: {} },
  // The example shows the result of the default query.
  rawRequest: { dialect: "classic", params: { query: "query Probe { userById { id } }" }, example: { params: {} } },
  // The example shows classic records (Duro Hub's have their own fields, as the README says).
  searchComponents: {
    dialect: "hub",
    params: { name: "Resistor", match: "any", filter: '{"status": {"name": {"eq": "DESIGN"}}}', first: "2" },
    example: { dialect: "classic", params: { name: "Resistor" } },
  },
  validateChangeOrder: { dialect: "hub", params: { changeOrderId: CHANGE_ORDER_ID }, prepare: shortenDescription },
};

/** The valid params for `key`, or a failure that says where to add them. */
export const paramsFor = (key: string): ActionParams => {
  const entry = ACTION_PARAMS[key];
  if (!entry) throw new Error(`The action "${key}" has no valid params in test/actionParams.ts: add them so test/everyAction.test.ts covers it.`);
  return entry;
};

/** The input keys of an action, besides its connection. */
export const inputKeysOf = (key: string): string[] =>
  duroComponent.actions[key].inputs.map((input) => input.key).filter((inputKey) => inputKey !== "connection");
