/** What went wrong, in the terms a flow builder acts on (DESIGN.md, "Errors"). */
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
  | "server";

export interface DuroGraphQLErrorDetail {
  message: string;
  path?: ReadonlyArray<string | number>;
  code?: string;
}

export interface DuroErrorDetails {
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
  readonly permission?: string;

  constructor(kind: DuroErrorKind, message: string, { cause, ...details }: DuroErrorDetails = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "DuroError";
    this.kind = kind;
    Object.assign(this, details);
  }
}

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
    permission: error.permission,
    cause: error.cause,
    ...details,
  });
