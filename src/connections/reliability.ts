import { DEFAULT_RETRY_POLICY, RetryPolicy } from "../client/retry";
import { cleanWholeNumber, isBlank } from "../inputs/cleaners";

export const DEFAULT_TIMEOUT_SECONDS = 30;

/** The advanced connection fields that tune timeouts and retries; empty means the documented default. */
export interface ReliabilityFields {
  timeoutSeconds?: unknown;
  maxAttempts?: unknown;
  retryBudgetSeconds?: unknown;
  retryBaseDelayMs?: unknown;
  retryMaxDelayMs?: unknown;
  maxResponseMegabytes?: unknown;
}

export interface RequestPolicy {
  timeoutMs: number;
  /** Past this many bytes (decoded) an answer is refused and its connection closed. */
  maxResponseBytes: number;
  retry: RetryPolicy;
}

/** Each field's key, label, range and default, shared by the connection's inputs and their validation. */
export const RELIABILITY_LIMITS = {
  timeoutSeconds: { label: "Request Timeout (seconds)", min: 1, max: 300, default: DEFAULT_TIMEOUT_SECONDS },
  maxAttempts: { label: "Max Attempts", min: 1, max: 10, default: DEFAULT_RETRY_POLICY.maxAttempts },
  retryBudgetSeconds: { label: "Retry Time Budget (seconds)", min: 0, max: 900, default: DEFAULT_RETRY_POLICY.budgetMs / 1000 },
  retryBaseDelayMs: { label: "Retry First Wait (ms)", min: 0, max: 60_000, default: DEFAULT_RETRY_POLICY.baseDelayMs },
  retryMaxDelayMs: { label: "Retry Longest Wait (ms)", min: 0, max: 300_000, default: DEFAULT_RETRY_POLICY.maxDelayMs },
  // A 100-item page of Duro's records is well under 1 MB; the default leaves room for large raw queries.
  maxResponseMegabytes: { label: "Max Response Size (MB)", min: 1, max: 1024, default: 50 },
} as const satisfies Record<keyof ReliabilityFields, { label: string; min: number; max: number; default: number }>;

const fieldValue = (fields: ReliabilityFields, key: keyof ReliabilityFields): number => {
  const value = fields[key];
  const { min, max, default: fallback } = RELIABILITY_LIMITS[key];
  if (isBlank(value)) return fallback;
  return cleanWholeNumber(key, min, max)(value);
};

/** The per-request timeout and the retry policy a connection asks for, validated before any request. */
export const resolveRequestPolicy = (fields: ReliabilityFields): RequestPolicy => ({
  timeoutMs: fieldValue(fields, "timeoutSeconds") * 1000,
  maxResponseBytes: fieldValue(fields, "maxResponseMegabytes") * 1_048_576,
  retry: {
    maxAttempts: fieldValue(fields, "maxAttempts"),
    budgetMs: fieldValue(fields, "retryBudgetSeconds") * 1000,
    baseDelayMs: fieldValue(fields, "retryBaseDelayMs"),
    maxDelayMs: fieldValue(fields, "retryMaxDelayMs"),
  },
});
