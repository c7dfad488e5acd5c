// Valid inputs for every action of the component, for the suites that go over all of them (hostile input, no
// secrets). An action added without an entry here fails those suites until it gets one: add its required inputs,
// and the dialect whose sandbox offers it.
import duroComponent from "../src";
import { DuroSandbox, SANDBOX_LIBRARY, SandboxDialect } from "../fixtures/sandbox";

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
}

const SIGNING_SECRET = "params-signing-secret-0123456789abcdef";
const NEW_SIGNING_SECRET = "params-new-signing-secret-fedcba9876543210";
const WEBHOOK_ID = "wh-params-0001";

/** A live webhook with WEBHOOK_ID in the sandbox library, un-archived if a previous run archived it. */
const ensureWebhook = (sandbox: DuroSandbox): void => {
  const webhooks = sandbox.hubStore.webhooks.webhooks;
  const existing = webhooks.find((webhook) => webhook.id === WEBHOOK_ID);
  if (existing) {
    existing.isArchived = false;
    return;
  }
  webhooks.push({
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
  // Archives the webhooks at the harness's own flow URL; the stored one (with its secret) must not surface either.
  deleteInstanceWebhooks: { dialect: "hub", params: {}, hidden: [SIGNING_SECRET], prepare: ensureWebhook },
  getWebhook: withWebhook(),
  getWebhookLogs: withWebhook(),
  listWebhooks: { dialect: "hub", params: { onlyThisInstance: "false" } },
  updateWebhook: withWebhook({ enabled: "disable", addEvents: "COMPONENT_DELETED", removeEvents: "COMPONENT_UPDATED", name: "Params webhook", url: "https://hooks.example.com/params", signingSecret: NEW_SIGNING_SECRET, timeoutSeconds: "60", maxRetries: "2" }, [NEW_SIGNING_SECRET]),
  checkConnection: { dialect: "classic", params: {} },
  createChangeOrder: { dialect: "classic", params: { name: "Hostile input check", description: "Made by a test", type: "ECO" } },
  createChangeOrderTemplate: { dialect: "hub", params: { name: "Hostile input template", configYAML: VALID_TEMPLATE_YAML } },
  createComponent: {
    dialect: "hub",
    params: { name: "Hostile input component", description: "Made by a test", categoryId: "category-mechanical", statusId: "status-design", revisionValue: "1.A", eid: "ERP-000042" },
  },
  updateComponent: {
    dialect: "hub",
    params: { componentId: "cmp-00001", name: "Resistor 1", description: "Updated by a test", categoryId: "category-electrical", statusId: "status-prototype", revisionValue: "1.B", eid: "ERP-000001" },
  },
  getChangeOrderById: { dialect: "hub", params: { changeOrderId: "co-00001" } },
  getComponentById: { dialect: "classic", params: { componentId: "cmp-00001" } },
  getComponentChildren: { dialect: "classic", params: { componentId: "cmp-00001", flatten: "true" } },
  getComponentsByIds: { dialect: "classic", params: { componentIds: '["cmp-00001", "cmp-00002"]' } },
  getCurrentUser: { dialect: "classic", params: {} },
  getLatestValidationRun: { dialect: "hub", params: { changeOrderId: "co-00001" } },
  listChangeOrders: { dialect: "classic", params: { first: "2", status: "DRAFT", type: "ECO" } },
  listCompanyUsers: { dialect: "classic", params: {} },
  listComponents: { dialect: "classic", params: { first: "2" } },
  listLibraries: { dialect: "hub", params: {} },
  rawRequest: { dialect: "classic", params: { query: "query Probe { userById { id } }" } },
  searchComponents: { dialect: "hub", params: { name: "Resistor", match: "any", filter: '{"status": {"name": {"eq": "DESIGN"}}}', first: "2" } },
  validateChangeOrder: { dialect: "hub", params: { changeOrderId: "co-00001" } },
};

/** The valid params for `key`, or a failure that says where to add them. */
export const paramsFor = (key: string): ActionParams => {
  const entry = ACTION_PARAMS[key];
  if (!entry) throw new Error(`The action "${key}" has no valid params in test/actionParams.ts: add them so the hostile-input and no-secret suites cover it.`);
  return entry;
};

/** The input keys of an action, besides its connection. */
export const inputKeysOf = (key: string): string[] =>
  duroComponent.actions[key].inputs.map((input) => input.key).filter((inputKey) => inputKey !== "connection");
