// Valid inputs for every action of the component, for the suites that go over all of them (hostile input, no
// secrets). An action added without an entry here fails those suites until it gets one: add its required inputs,
// and the dialect whose sandbox offers it.
import duroComponent from "../src";
import { SandboxDialect } from "../fixtures/sandbox";

export interface ActionParams {
  dialect: SandboxDialect;
  /** The action's inputs besides the connection, valid on that dialect's sandbox. */
  params: Record<string, unknown>;
  /**
   * Secret values among `params` (e.g. a webhook's signingSecret, issue 5): the no-secret suite checks that none of
   * them, like the API key, appears in a log line, an error or the output.
   */
  secrets?: string[];
}

export const VALID_TEMPLATE_YAML = 'version: "1.0"\nschema_type: change_order_scheme\nstages:\n  open:\n    - name: Review\n';

export const ACTION_PARAMS: Record<string, ActionParams> = {
  createChangeOrder: { dialect: "classic", params: { name: "Hostile input check", description: "Made by a test", type: "ECO" } },
  createChangeOrderTemplate: { dialect: "v2", params: { name: "Hostile input template", configYAML: VALID_TEMPLATE_YAML } },
  getChangeOrderById: { dialect: "v2", params: { changeOrderId: "co-00001" } },
  getComponentById: { dialect: "classic", params: { componentId: "cmp-00001" } },
  getComponentChildren: { dialect: "classic", params: { componentId: "cmp-00001", flatten: "true" } },
  getComponentsByIds: { dialect: "classic", params: { componentIds: '["cmp-00001", "cmp-00002"]' } },
  getCurrentUser: { dialect: "classic", params: {} },
  getLatestValidationRun: { dialect: "v2", params: { changeOrderId: "co-00001" } },
  listChangeOrders: { dialect: "classic", params: { first: "2", status: "DRAFT", type: "ECO" } },
  listCompanyUsers: { dialect: "classic", params: {} },
  listComponents: { dialect: "classic", params: { first: "2" } },
  listLibraries: { dialect: "v2", params: {} },
  rawRequest: { dialect: "classic", params: { query: "query Probe { userById { id } }" } },
  searchComponents: { dialect: "v2", params: { name: "Resistor", match: "any", filter: '{"status": {"eq": "DESIGN"}}', first: "2" } },
  validateChangeOrder: { dialect: "v2", params: { changeOrderId: "co-00001" } },
};

/** Every action key the component has: the suites iterate these, not a list of their own. */
export const ALL_ACTION_KEYS = Object.keys(duroComponent.actions).sort();

/** The valid params for `key`, or a failure that says where to add them. */
export const paramsFor = (key: string): ActionParams => {
  const entry = ACTION_PARAMS[key];
  if (!entry) throw new Error(`The action "${key}" has no valid params in test/actionParams.ts: add them so the hostile-input and no-secret suites cover it.`);
  return entry;
};

/** The input keys of an action, besides its connection. */
export const inputKeysOf = (key: string): string[] =>
  duroComponent.actions[key].inputs.map((input) => input.key).filter((inputKey) => inputKey !== "connection");
