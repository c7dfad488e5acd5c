/** What went wrong, in the terms a flow builder acts on. */
export type DuroErrorKind =
  | "auth"
  | "forbidden"
  | "missing-context"
  | "rate-limited"
  | "not-found"
  | "invalid-input"
  | "graphql"
  | "network"
  | "timeout"
  /** Duro failed, or its answer lacks what the query selected. */
  | "server"
  /** The connector failed reading an answer that had what it asked for: a bug in the connector, to report. */
  | "internal";

export interface DuroGraphQLErrorDetail {
  message: string;
  path?: ReadonlyArray<string | number>;
  code?: string;
}

interface DuroErrorDetails {
  status?: number;
  operation?: string;
  graphqlErrors?: DuroGraphQLErrorDetail[];
  retryAfterSeconds?: number;
  /** The input (by key) that caused an `invalid-input` error. */
  input?: string;
  /** The socket error code of a `network` error (ECONNREFUSED, ECONNRESET, …): tells whether Duro can have acted. */
  networkCode?: string;
  /** How many attempts the client made before giving up. */
  attempts?: number;
  /** The answer shows Duro executed (part of) the operation: it holds data, or an error at a field's path. */
  executed?: boolean;
  /** The permission a `forbidden` error names (e.g. components.read), when Duro names one. */
  permission?: string;
  cause?: unknown;
}

/** The one error type the connector throws. Its message never carries a secret. */
export class DuroError extends Error {
  readonly kind: DuroErrorKind;
  readonly status?: number;
  readonly operation?: string;
  readonly graphqlErrors?: DuroGraphQLErrorDetail[];
  readonly retryAfterSeconds?: number;
  readonly input?: string;
  readonly networkCode?: string;
  readonly attempts?: number;
  readonly executed?: boolean;
  readonly permission?: string;

  constructor(kind: DuroErrorKind, message: string, { cause, ...details }: DuroErrorDetails = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "DuroError";
    this.kind = kind;
    Object.assign(this, details);
  }
}

// Line breaks, ANSI escapes (ESC), C1 controls and bidirectional overrides: text that would rewrite a log line.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CHARACTER = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A whole number as en-US writes it, with thousands separators (10,000). Not toLocaleString: its first call in a
 * process loads ICU's number formatting (~15 ms of CPU), and some messages are built when the component loads.
 */
export const countText = (count: number): string => (Number.isInteger(count) ? String(count).replace(/\B(?=(\d{3})+$)/g, ",") : String(count));

/** How much of a user's value a message quotes. */
const MAX_QUOTED = 60;
/** How much of a server's text (an error message, a cursor) a message carries. */
export const MAX_SERVER_TEXT = 500;

/**
 * Any value as text fit for a message: control characters escaped (\n, \u001b), cut at `max` characters with the
 * full length said. Every message that repeats a user's value or a server's text goes through here.
 */
export const shownText = (value: unknown, max: number = MAX_QUOTED): string => {
  let text: string;
  try {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  // Never cut between the two halves of a surrogate pair.
  const end = text.length > max && /[\uD800-\uDBFF]/.test(text[max - 1] ?? "") ? max - 1 : max;
  const escaped = text
    .slice(0, end)
    .replace(UNSAFE_CHARACTER, (character) => ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return text.length > end ? `${escaped}… (${countText(text.length)} characters)` : escaped;
};

/** `shownText` in double quotes. */
export const quoted = (value: unknown, max: number = MAX_QUOTED): string => `"${shownText(value, max)}"`;

/** An input failed validation; thrown before any request is sent. */
export const invalidInput = (input: string, message: string): DuroError =>
  new DuroError("invalid-input", `Invalid input "${input}": ${message}`, { input });

/** The same error with another message (and optionally more details): DuroError's fields are read-only. */
export const reworded = (error: DuroError, message: string, details: DuroErrorDetails = {}): DuroError =>
  new DuroError(error.kind, message, {
    status: error.status,
    operation: error.operation,
    graphqlErrors: error.graphqlErrors,
    retryAfterSeconds: error.retryAfterSeconds,
    input: error.input,
    networkCode: error.networkCode,
    attempts: error.attempts,
    executed: error.executed,
    permission: error.permission,
    cause: error.cause,
    ...details,
  });
