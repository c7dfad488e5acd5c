import { invalidInput, quoted } from "../client/errors";
import { isSecretName } from "../client/redact";
import { cleanContextValue, isBlank } from "../inputs/cleaners";

export type Dialect = "classic" | "hub";
type DuroEnvironment = "mfg" | "itar" | "eu" | "hub";

interface EnvironmentEntry {
  label: string;
  url: string;
  dialect: Dialect;
}

// Sources: Duro's API docs (Duro Hub) and Duro's own Prismatic component, durolabs/prismatic on GitHub (classic).
// ITAR uses the host Duro itself corrected in Nov 2024 ("fix govduro graphql endpoint"); the connection's custom
// URL overrides any of these.
export const ENVIRONMENTS: Record<DuroEnvironment, EnvironmentEntry> = {
  mfg: { label: "Main (MFG)", url: "https://mfg.duro.app/graphql", dialect: "classic" },
  itar: { label: "ITAR", url: "https://app.govduro.us/graphql", dialect: "classic" },
  eu: { label: "EU", url: "https://eu.duro.app/graphql", dialect: "classic" },
  hub: { label: "Duro Hub", url: "https://api.durohub.com/graphql", dialect: "hub" },
};

export const DEFAULT_ENVIRONMENT: DuroEnvironment = "mfg";

export interface ConnectionFields {
  apiKey?: unknown;
  duroEnvironment?: unknown;
  customDuroEnvironment?: unknown;
  organization?: unknown;
  library?: unknown;
}

export interface ResolvedEndpoint {
  url: string;
  dialect: Dialect;
  environment: DuroEnvironment;
  /** Every header Duro needs for this dialect, the secret ones included: never log these as they are. */
  headers: Record<string, string>;
  apiKey: string;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
// Query names that carry a credential in some API even though they do not look secret on their own.
const SECRET_QUERY_NAME = /^(?:key|sig|auth)$/i;

/**
 * The host as written in the URL (no port), lower-cased. The URL parser would turn `2130706433`, `0x7f000001` or
 * `127.1` into 127.0.0.1; the plain-http exception holds only for the local host spelled literally.
 */
const writtenHost = (raw: string): string =>
  (/^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/i.exec(raw)?.[1] ?? "")
    .replace(/^.*@/, "")
    .replace(/:\d*$/, "")
    .toLowerCase();
const CUSTOM_URL_INPUT = "customDuroEnvironment";

/** A connection field's text, or undefined when it is not given (see isBlank). */
const fieldText = (value: unknown): string | undefined => (isBlank(value) ? undefined : String(value).trim());

// The key travels in an HTTP header, which carries visible ASCII only; real keys are far shorter than this.
const API_KEY_SHAPE = /^[\x21-\x7E]{1,4096}$/;
// Duro documents no key format. A key this short is a paste gone wrong, and redacting echoes of it (any 12-character
// run, see redact.ts) needs a key longer than the run; the sandbox's key has 32 characters.
const MIN_API_KEY_LENGTH = 16;
const MAX_SHOWN_URL = 80;

const isEnvironment = (value: string): value is DuroEnvironment => Object.hasOwn(ENVIRONMENTS, value);

// The field component (Prismatic's own Duro PLM component) stores the environment as its URL. Those values, and each
// environment's own URL, name the environment, so a connection set up for it works unchanged. Its ITAR value is the
// host Duro moved away from in Nov 2024: it means ITAR, at the corrected host.
const ENVIRONMENT_URL_ALIASES = new Map<string, DuroEnvironment>([
  ...Object.entries(ENVIRONMENTS).map(([environment, { url }]) => [url, environment as DuroEnvironment] as const),
  ["https://gov.duro.us/graphql", "itar"],
]);

/** The environment a Duro Environment value names: its key (mfg, itar, eu, hub) or one of the URLs above. */
const environmentNamed = (value: string): DuroEnvironment | undefined => {
  if (isEnvironment(value)) return value;
  return ENVIRONMENT_URL_ALIASES.get(value.toLowerCase().replace(/\/+$/, ""));
};

/** Checks a custom endpoint: https, or plain http only on this machine (the sandbox); never credentials in the URL. */
export const parseCustomEndpoint = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidInput(CUSTOM_URL_INPUT, `${quoted(raw, MAX_SHOWN_URL)} is not a URL. Enter a full URL such as https://duro.example.com/graphql, or leave it empty to use the Duro Environment picked.`);
  }
  const local = LOCAL_HOSTS.has(url.hostname) && LOCAL_HOSTS.has(writtenHost(raw));
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw invalidInput(
      CUSTOM_URL_INPUT,
      `the URL must start with https:// (plain http:// is allowed only for localhost, 127.0.0.1 or [::1], written so); got ${quoted(`${url.protocol}//${url.host}`, MAX_SHOWN_URL)}.`,
    );
  }
  if (url.username || url.password) {
    throw invalidInput(CUSTOM_URL_INPUT, "the URL must not contain a user name or password; put the API key in the API Key field.");
  }
  if (!url.hostname) {
    throw invalidInput(CUSTOM_URL_INPUT, "the URL has no host name.");
  }
  if ([...url.searchParams.keys()].some((name) => isSecretName(name) || SECRET_QUERY_NAME.test(name))) {
    throw invalidInput(CUSTOM_URL_INPUT, "the URL must not carry a key, token or secret in its query string; put the API key in the API Key field.");
  }
  return url.toString();
};

/**
 * Where and how to call Duro for one connection: the environment picks the URL and the dialect; a custom URL
 * replaces the URL but keeps the dialect of the environment picked alongside it.
 */
export const resolveEndpoint = (fields: ConnectionFields): ResolvedEndpoint => {
  const apiKey = fieldText(fields.apiKey);
  if (apiKey === undefined) {
    throw invalidInput("apiKey", "the connection has no API key. In Duro, open your avatar → Account settings → Integrations → Get API Key, and paste the key into the connection.");
  }
  if (!API_KEY_SHAPE.test(apiKey)) {
    // Never repeat the value: it is (most of) a secret.
    throw invalidInput("apiKey", "the API key has a space, line break or non-ASCII character in it, which no Duro key has. Copy the key again from Duro and paste it on its own into the API Key field.");
  }
  if (apiKey.length < MIN_API_KEY_LENGTH) {
    throw invalidInput("apiKey", `the API key has ${apiKey.length} characters; a Duro key has at least ${MIN_API_KEY_LENGTH} characters. Copy the whole key again from Duro and paste it into the API Key field.`);
  }
  const environmentValue = fieldText(fields.duroEnvironment) ?? DEFAULT_ENVIRONMENT;
  const environment = environmentNamed(environmentValue);
  if (!environment) {
    throw invalidInput("duroEnvironment", `${quoted(environmentValue)} is not a Duro environment; pick one of ${Object.keys(ENVIRONMENTS).join(", ")}.`);
  }
  const { url: environmentUrl, dialect } = ENVIRONMENTS[environment];
  const customUrl = fieldText(fields.customDuroEnvironment);
  const organization = cleanContextValue("organization")(fields.organization) ?? "";
  const library = cleanContextValue("library")(fields.library) ?? "";
  if (dialect === "hub" && !organization) {
    throw invalidInput(
      "organization",
      "Duro Hub needs the organization on every request: fill the connection's Organization field with your organization's slug, like @my-company (the @… part of durohub.com/org/@my-company/…), or its UUID.",
    );
  }
  // Without a library, Duro Hub falls back to the key's own library where the operation allows it.
  const headers: Record<string, string> =
    dialect === "classic"
      ? { apiToken: apiKey }
      : { "x-api-key": apiKey, "x-organization": organization, ...(library ? { "x-library": library } : {}) };
  return {
    url: customUrl ? parseCustomEndpoint(customUrl) : environmentUrl,
    dialect,
    environment,
    headers,
    apiKey,
  };
};
