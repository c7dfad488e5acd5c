// Where the demo runs, from its DURO_* environment variables: the embedded sandbox without DURO_API_KEY, a real
// Duro account with it. Every setting is checked before any step runs, and a wrong one stops the demo with one
// message naming the variable (the connection's own checks decide what is valid; the demo names the variable).
import { DuroError } from "../../src/client/errors";
import { ENVIRONMENTS, resolveEndpoint } from "../../src/connections/endpoint";

/** The variables the demo reads, and what each one is for (printed by --help). */
export const DEMO_SETTINGS = {
  DURO_API_KEY: "a Duro API key: run against that account instead of the embedded sandbox",
  DURO_ENVIRONMENT: `with DURO_API_KEY: ${Object.keys(ENVIRONMENTS).join(" | ")} (default mfg)`,
  DURO_ENDPOINT: "with DURO_API_KEY: a custom GraphQL URL (https), in the dialect of DURO_ENVIRONMENT",
  DURO_ORGANIZATION: "with DURO_ENVIRONMENT=hub (required): the organization's slug, like @my-company, or its UUID",
  DURO_LIBRARY: "with DURO_ENVIRONMENT=hub: the library's slug or UUID (default: the key's own library)",
  DURO_DEMO_CREATE: "with DURO_API_KEY: 1 lets the demo create and validate records in that account (default: read only)",
} as const;

type Setting = keyof typeof DEMO_SETTINGS;

/** The connection field each setting fills. */
const FIELD_SETTINGS: Record<string, Setting> = {
  apiKey: "DURO_API_KEY",
  duroEnvironment: "DURO_ENVIRONMENT",
  customDuroEnvironment: "DURO_ENDPOINT",
  organization: "DURO_ORGANIZATION",
  library: "DURO_LIBRARY",
};

export class DemoSettingError extends Error {}

export type DemoTarget =
  | { kind: "sandbox" }
  | { kind: "account"; title: string; fields: Record<string, string>; mayWrite: boolean; apiKey: string };

const isSetting = (name: string): name is Setting => Object.hasOwn(DEMO_SETTINGS, name);

export const readSettings = (env: Record<string, string | undefined>): DemoTarget => {
  const given = Object.fromEntries(Object.entries(env).filter(([name, value]) => name.startsWith("DURO_") && value?.trim())) as Record<string, string>;
  const unknown = Object.keys(given).find((name) => !isSetting(name));
  if (unknown) throw new DemoSettingError(`${unknown} is not a demo setting. The demo reads ${Object.keys(DEMO_SETTINGS).join(", ")} (npm run demo -- --help).`);
  const value = (name: Setting): string => given[name]?.trim() ?? "";
  const apiKey = value("DURO_API_KEY");
  if (!apiKey) {
    const ignored = Object.keys(given)[0];
    if (ignored) {
      throw new DemoSettingError(`${ignored} is set but DURO_API_KEY is not: without a key the demo runs against its embedded sandbox, where ${ignored} means nothing. Set DURO_API_KEY to use your Duro account, or unset ${ignored}.`);
    }
    return { kind: "sandbox" };
  }
  if (!["", "0", "1"].includes(value("DURO_DEMO_CREATE"))) {
    throw new DemoSettingError(`DURO_DEMO_CREATE is "${value("DURO_DEMO_CREATE")}": set it to 1 to let the demo create records in your account, or leave it unset.`);
  }
  const environment = value("DURO_ENVIRONMENT") || "mfg";
  if (!Object.hasOwn(ENVIRONMENTS, environment)) {
    throw new DemoSettingError(`DURO_ENVIRONMENT is "${environment}", which is not a Duro environment: use one of ${Object.keys(ENVIRONMENTS).join(", ")}.`);
  }
  const fields = {
    apiKey,
    duroEnvironment: environment,
    customDuroEnvironment: value("DURO_ENDPOINT"),
    organization: value("DURO_ORGANIZATION"),
    library: value("DURO_LIBRARY"),
  };
  if (environment === "hub" && !fields.organization) {
    throw new DemoSettingError("DURO_ORGANIZATION is required with DURO_ENVIRONMENT=hub: your organization's slug, like @my-company (the @… part of durohub.com/org/@my-company/…), or its UUID.");
  }
  const hubOnly = (["DURO_ORGANIZATION", "DURO_LIBRARY"] as const).find((name) => value(name));
  if (environment !== "hub" && hubOnly) {
    throw new DemoSettingError(`${hubOnly} applies to Duro Hub only, but DURO_ENVIRONMENT is ${environment}: set DURO_ENVIRONMENT=hub, or unset ${hubOnly}.`);
  }
  try {
    resolveEndpoint(fields);
  } catch (error) {
    if (!(error instanceof DuroError) || error.input === undefined) throw error;
    // The connection's message names its field; the demo's user set a variable.
    throw new DemoSettingError(`${FIELD_SETTINGS[error.input] ?? error.input} is not valid: ${error.message.replace(/^Invalid input "[^"]+": /, "")}`);
  }
  const where = `${ENVIRONMENTS[environment as keyof typeof ENVIRONMENTS].label}${fields.customDuroEnvironment ? ` at ${fields.customDuroEnvironment}` : ""}`;
  return { kind: "account", title: `Your Duro account, ${where}`, fields, mayWrite: value("DURO_DEMO_CREATE") === "1", apiKey };
};
