import { connection } from "@prismatic-io/spectral";
import { DEFAULT_ENVIRONMENT, ENVIRONMENTS } from "./endpoint";
import { RELIABILITY_LIMITS, ReliabilityFields } from "./reliability";

/** An advanced whole-number field: its label, default and range come from RELIABILITY_LIMITS. */
const advanced = (key: keyof ReliabilityFields, comments: string) => {
  const { label, min, max, default: fallback } = RELIABILITY_LIMITS[key];
  return {
    label: `Advanced: ${label}`,
    type: "string" as const,
    required: false,
    default: String(fallback),
    example: String(fallback),
    comments: `${comments} A whole number from ${min} to ${max}; default ${fallback}.`,
  };
};

export const duroApiKey = connection({
  key: "duroApiKey",
  display: {
    label: "Duro API Key",
    description: "Connect to a Duro environment (Main/MFG, ITAR, EU, Duro Hub or a private endpoint) with an API key.",
  },
  inputs: {
    apiKey: {
      label: "API Key",
      type: "password",
      required: true,
      placeholder: "Paste the API key from Duro",
      comments:
        "The API key for the Duro account (at least 16 characters). Generate one in Duro: avatar → Account settings → Integrations → Get API Key. Classic keys expire after 90 days.",
    },
    duroEnvironment: {
      label: "Duro Environment",
      type: "string",
      required: true,
      default: DEFAULT_ENVIRONMENT,
      example: DEFAULT_ENVIRONMENT,
      model: Object.entries(ENVIRONMENTS).map(([value, { label }]) => ({ label, value })),
      comments:
        "Main (MFG) for standard accounts, ITAR for US government compliance, EU for European data residency, Duro Hub for the v2 API at api.durohub.com. It also decides which API dialect is spoken when a custom endpoint is set. The field component's values (its URLs, e.g. https://mfg.duro.app/graphql or https://gov.duro.us/graphql for ITAR) are accepted too.",
    },
    customDuroEnvironment: {
      label: "Custom Duro Environment",
      type: "string",
      required: false,
      example: "https://duro.example.com/graphql",
      comments:
        "Optional. A GraphQL endpoint URL that overrides the environment's URL, for private instances (or if Duro moves a host, e.g. ITAR). Must be https://.",
    },
    organization: {
      label: "Organization",
      type: "string",
      required: false,
      example: "@my-company",
      comments: "Duro Hub only: your organization's slug or UUID (from durohub.com/org/@org-slug/...), sent as x-organization.",
    },
    library: {
      label: "Library",
      type: "string",
      required: false,
      example: "@my-company/product-library",
      comments: "Duro Hub only: the library slug path or UUID the API key belongs to, sent as x-library.",
    },
    timeoutSeconds: advanced("timeoutSeconds", "How long one request may take before it is aborted (and, for reads, retried)."),
    maxAttempts: advanced(
      "maxAttempts",
      "Attempts per request, the first included; 1 turns retries off. Reads are retried on rate limits, HTTP 502/503/504, broken connections and timeouts; changes (mutations) only on rate limits and refused connections, where Duro did not act.",
    ),
    retryBudgetSeconds: advanced("retryBudgetSeconds", "No retry starts once the step has spent this much time on failed attempts and waits (all its requests together), or if its wait would pass it."),
    retryBaseDelayMs: advanced(
      "retryBaseDelayMs",
      "The first retry waits a random time up to this; the limit doubles with each retry (exponential backoff with full jitter).",
    ),
    retryMaxDelayMs: advanced(
      "retryMaxDelayMs",
      "The longest wait before one retry. Duro's Retry-After (or retryAfter in a RATE_LIMITED error) is honoured up to this.",
    ),
    maxResponseMegabytes: advanced(
      "maxResponseMegabytes",
      "A larger answer is refused with an error and not read further, so a runaway answer cannot exhaust the flow's memory.",
    ),
  },
});
