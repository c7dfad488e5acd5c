import { DuroError } from "./errors";

/** How hard the client tries before a failure reaches the user (README, "Failure behaviour"). */
export interface RetryPolicy {
  /** Attempts in all, the first one included; 1 turns retrying off. */
  maxAttempts: number;
  /** No retry starts once a step has spent this much time on failed attempts and waits, or would while waiting. */
  budgetMs: number;
  /** The backoff's first ceiling; it doubles per retry (full jitter: the wait is random below the ceiling). */
  baseDelayMs: number;
  /** The longest single wait, also the cap on what Duro's Retry-After / extensions.retryAfter asks for. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  budgetMs: 90_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

// Gateways and load balancers answer these when Duro is briefly unavailable.
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
// The connection never opened (or the name did not resolve for now): nothing reached Duro.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EAI_AGAIN"]);
// The connection broke with the request possibly on its way or already read.
const BROKEN_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNABORTED"]);

type RetryDecision =
  | { retry: true; waitMs: number; reason: string }
  /** `mayHaveActed`: a mutation failed in a way where Duro may have carried it out, so it was not retried. */
  | { retry: false; reason: string; mayHaveActed: boolean; budgetSpent?: boolean };

interface AttemptOutcome {
  error: DuroError;
  /** The document is (or may be) a mutation: only failures where Duro cannot have acted are retried. */
  mutation: boolean;
  /** 1 for the first attempt. */
  attempt: number;
  /** Spent on failed attempts and waits so far, this one included: the budget is the step's, across its requests. */
  elapsedMs: number;
}

/** Why a failure may be retried, and whether Duro can have acted on the request; undefined when it is not retryable. */
const retryableReason = ({ kind, status, networkCode, executed }: DuroError): { reason: string; notActed: boolean } | undefined => {
  // A rate limit refuses the whole request, unless the answer shows part of it ran (data, or an error at a field).
  if (kind === "rate-limited") return { reason: status === 429 ? "HTTP 429 (rate limited)" : "RATE_LIMITED", notActed: !executed };
  if (kind === "server" && status !== undefined && RETRYABLE_STATUSES.has(status)) return { reason: `HTTP ${status}`, notActed: false };
  if (kind === "timeout") return { reason: "timeout", notActed: false };
  if (kind === "network" && networkCode !== undefined) {
    if (NOT_SENT_CODES.has(networkCode)) return { reason: `connection ${networkCode}`, notActed: true };
    if (BROKEN_CODES.has(networkCode)) return { reason: `connection ${networkCode}`, notActed: false };
  }
  return undefined;
};

/** A wait in whole milliseconds within [0, longest]: whatever a server asks (negative, huge, not a number). */
const clampWait = (ms: number, longestMs: number): number => (Number.isNaN(ms) ? 0 : Math.round(Math.min(Math.max(ms, 0), longestMs)));

/**
 * Whether to try again after a failed attempt, and after how long: exponential backoff with full jitter, or what
 * Duro asked for (Retry-After), both capped by `maxDelayMs`; never past the attempt count or the time budget, and
 * a mutation only when Duro cannot have acted on it (a rate-limit answer or a refused connection).
 */
export const decideRetry = (policy: RetryPolicy, { error, mutation, attempt, elapsedMs }: AttemptOutcome, random: () => number = Math.random): RetryDecision => {
  const retryable = retryableReason(error);
  // A server failure (HTTP 500, a body that is not GraphQL) says nothing of whether a mutation ran before it.
  if (!retryable) return { retry: false, reason: `${error.kind} is not retried`, mayHaveActed: mutation && error.kind === "server" };
  if (mutation && !retryable.notActed) {
    return { retry: false, reason: `${retryable.reason} on a mutation is not retried: Duro may have acted on it`, mayHaveActed: true };
  }
  if (attempt >= policy.maxAttempts) {
    return { retry: false, reason: `${retryable.reason}, and all ${policy.maxAttempts} attempts are used`, mayHaveActed: false };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const askedMs = error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000;
  const waitMs = clampWait(askedMs === undefined ? random() * ceiling : askedMs, policy.maxDelayMs);
  // Spent means no retry, even one that would not wait (full jitter can draw 0 ms): a budget of 0 turns retrying off.
  const spent = elapsedMs >= policy.budgetMs;
  if (spent || elapsedMs + waitMs > policy.budgetMs) {
    const budget = `${policy.budgetMs} ms retry budget`;
    return {
      retry: false,
      reason: spent ? `${retryable.reason}, and the ${budget} is spent` : `${retryable.reason}, and waiting ${waitMs} ms more would pass the ${budget}`,
      mayHaveActed: false,
      budgetSpent: true,
    };
  }
  return { retry: true, waitMs, reason: retryable.reason };
};
