import { DuroError, DuroErrorKind, DuroGraphQLErrorDetail, MAX_SERVER_TEXT, shownText } from "./errors";

/** What the client knows about one request when it fails. */
export interface ResponseFacts {
  operation: string;
  url: string;
  timeoutMs: number;
  status?: number;
  retryAfterHeader?: string;
  contentType?: string;
}

interface RawGraphQLError {
  message?: unknown;
  path?: unknown;
  extensions?: Record<string, unknown>;
}

const NEW_KEY_HINT =
  "Create a new key in Duro (avatar → Account settings → Integrations → Get API Key) and paste it into the connection's API Key field; also check that the connection's Duro Environment is the one the key belongs to.";

const KIND_BY_CODE: Record<string, DuroErrorKind> = {
  UNAUTHENTICATED: "auth",
  FORBIDDEN: "forbidden",
  RATE_LIMITED: "rate-limited",
  NOT_FOUND: "not-found",
};

// A server may answer any number of errors of any length: an error keeps this many, its message this many described.
const MAX_KEPT_ERRORS = 20;
const MAX_DESCRIBED_ERRORS = 3;
const MAX_PATH_LENGTH = 20;
const MAX_CODE_TEXT = 100;

/** One GraphQL error as kept in a DuroError: its text capped and escaped, whatever the server sent. */
const detailOf = ({ message, path, extensions }: RawGraphQLError): DuroGraphQLErrorDetail => ({
  message: typeof message === "string" ? shownText(message, MAX_SERVER_TEXT) : "(no message)",
  ...(Array.isArray(path)
    ? { path: path.slice(0, MAX_PATH_LENGTH).map((segment: unknown) => (typeof segment === "number" ? segment : shownText(segment, MAX_CODE_TEXT))) }
    : {}),
  ...(typeof extensions?.code === "string" ? { code: shownText(extensions.code, MAX_CODE_TEXT) } : {}),
});

const detailsOf = (errors: RawGraphQLError[]): DuroGraphQLErrorDetail[] => errors.slice(0, MAX_KEPT_ERRORS).map(detailOf);

const describe = (details: DuroGraphQLErrorDetail[], total: number): string =>
  details
    .slice(0, MAX_DESCRIBED_ERRORS)
    .map(({ message, path, code }) => `${message}${path ? ` (at ${path.join(".")})` : ""}${code ? ` [${code}]` : ""}`)
    .join("; ") + (total > MAX_DESCRIBED_ERRORS ? `; and ${total - MAX_DESCRIBED_ERRORS} more` : "");

/** Seconds to wait from Duro's `extensions.retryAfter` or the HTTP Retry-After header (seconds or a date); never negative. */
const retryAfterSeconds = (errors: RawGraphQLError[], header?: string): number | undefined => {
  const fromExtensions = errors.map((error) => error.extensions?.retryAfter).find((value) => typeof value === "number" && Number.isFinite(value));
  if (typeof fromExtensions === "number") return Math.max(0, fromExtensions);
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
};

// Duro Hub's RBAC permission names (migration guide, "Permission Categories"), e.g. components.read.
const PERMISSION_NAME = /\b(?:components|assemblies|change_orders|library|organization|roles|comments)\.[a-z_]+(?:\.[a-z_]+)?\b/;

/** The permission a 403 names: in an extension where Duro puts one, else in its message. */
const permissionOf = (errors: RawGraphQLError[]): string | undefined => {
  const fromExtensions = errors
    .map((error) => error.extensions?.permission ?? error.extensions?.requiredPermission)
    .find((value): value is string => typeof value === "string");
  return fromExtensions ?? errors.map((error) => (typeof error.message === "string" ? PERMISSION_NAME.exec(error.message)?.[0] : undefined)).find(Boolean);
};

const CONTEXT_HEADER_FIX: Record<string, string> = {
  "x-organization":
    "fill the connection's Organization field with your organization's slug, like @my-company (from durohub.com/org/@my-company/…), or its UUID",
  "x-library":
    "fill the connection's Library field, or the step's Library input, with the library's slug path, like @my-company/product-library (from durohub.com/org/@my-company/libs/product-library), or its UUID",
};

/** Duro Hub answers HTTP 400 naming a context header it needs; find which one. */
const missingContextHeader = (errors: RawGraphQLError[], body: unknown): string | undefined => {
  const said = [...errors.flatMap((error) => [error.message, error.extensions?.header]), body]
    .filter((text): text is string => typeof text === "string")
    .join(" ")
    .toLowerCase();
  return Object.keys(CONTEXT_HEADER_FIX).find((header) => said.includes(header));
};

/** Whether an answer shows the operation ran, at least in part: GraphQL returns data, or errors at field paths, only once it executes. */
const showsExecution = (errors: RawGraphQLError[], data: unknown): boolean =>
  (data !== null && data !== undefined) || errors.some((error) => Array.isArray(error.path));

const buildError = (kind: DuroErrorKind, errors: RawGraphQLError[], facts: ResponseFacts, data?: unknown): DuroError => {
  const { operation, url, status } = facts;
  const graphqlErrors = detailsOf(errors);
  const said = graphqlErrors.length ? ` Duro said: ${describe(graphqlErrors, errors.length)}` : "";
  const http = status === undefined ? "" : ` (HTTP ${status})`;
  const details = { status, operation, graphqlErrors, ...(showsExecution(errors, data) ? { executed: true } : {}) };
  switch (kind) {
    case "auth":
      return new DuroError(kind, `Duro rejected the API key${http} for ${operation}: it is wrong, revoked or expired (classic Duro keys expire after 90 days). ${NEW_KEY_HINT}${said}`, details);
    case "forbidden": {
      const permission = permissionOf(errors);
      const what = permission ? `the permission "${shownText(permission, MAX_CODE_TEXT)}"` : "permission for this operation";
      return new DuroError(kind, `Duro refused ${operation}${http}: the API key's user lacks ${what}. Ask a Duro admin to grant it (Settings → Roles & Permissions), or use a key of a user who has it.${said}`, { ...details, permission });
    }
    case "rate-limited": {
      const wait = retryAfterSeconds(errors, facts.retryAfterHeader);
      const when = wait === undefined ? "in a minute" : `after ${wait} s`;
      return new DuroError(kind, `Duro's rate limit was reached during ${operation}${http}. Try again ${when}, or spread the requests out (smaller loops, fewer parallel flows).${said}`, { ...details, retryAfterSeconds: wait });
    }
    case "not-found":
      return status === 404
        ? new DuroError(kind, `The Duro endpoint ${url} answered HTTP 404 for ${operation}: it is not a Duro GraphQL endpoint. Check the connection's Custom Duro Environment (it usually ends in /graphql), or clear it to use the picked Duro Environment.`, details)
        : new DuroError(kind, `Duro found nothing for ${operation}.${said}`, details);
    case "server":
      return new DuroError(kind, `Duro failed to answer ${operation}${http}: a problem on Duro's side. Try again later; if it persists, contact Duro support.${said}`, details);
    default:
      return new DuroError("graphql", `Duro returned errors for ${operation}${http}.${said}${said ? "." : ""} Check the query and its variables against Duro's API documentation.`, details);
  }
};

/** GraphQL errors that came back in a response body (with HTTP 200 they are errors, not data). */
export const errorFromGraphQLErrors = (errors: RawGraphQLError[], facts: ResponseFacts, data?: unknown): DuroError => {
  const code = errors.map((error) => error.extensions?.code).find((value) => typeof value === "string" && value in KIND_BY_CODE);
  return buildError(typeof code === "string" ? KIND_BY_CODE[code] : "graphql", errors, facts, data);
};

const kindForStatus = (status: number): DuroErrorKind | undefined => {
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status >= 500) return "server";
  return undefined;
};

const networkCode = (error: unknown): string | undefined => {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
};

/** A GraphQL answer as the GraphQL over HTTP spec shapes it: an object, `errors` a list if present, `data` an object or null. */
export interface GraphQLAnswer {
  data?: unknown;
  errors?: RawGraphQLError[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The body as a GraphQL answer, or undefined when it is none: not JSON by its Content-Type or its text, or JSON of another shape. */
export const graphQLAnswer = (body: string, contentType: string | undefined): GraphQLAnswer | undefined => {
  const type = contentType?.toLowerCase();
  if (!type || !(type.includes("application/json") || type.includes("application/graphql-response+json"))) return undefined;
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(answer)) return undefined;
  if (answer.errors !== undefined && !Array.isArray(answer.errors)) return undefined;
  if (answer.data !== undefined && answer.data !== null && !isRecord(answer.data)) return undefined;
  return answer as GraphQLAnswer;
};

/** A 2xx answer whose body is no GraphQL answer. */
export const notAnAnswerError = ({ operation, status, contentType }: ResponseFacts): DuroError => {
  // No cause and no quote of the body: it is the server's, not ours to pass on.
  const details = { operation, status };
  return contentType?.includes("json")
    ? new DuroError("server", `Duro answered ${operation} with HTTP ${status} and a JSON body that is not a GraphQL answer (cut off, malformed, or another shape). Try again; if it persists, contact Duro support.`, details)
    : new DuroError("server", `Duro answered ${operation} with HTTP ${status} but the body is not GraphQL JSON${contentType ? ` (it is ${shownText(contentType.split(";")[0], MAX_CODE_TEXT)})` : ""}. Check that the connection's endpoint is Duro's GraphQL URL (it usually ends in /graphql).`, details);
};

/** An answer with an HTTP status outside 2xx, with what its body says if it is a GraphQL answer. */
export const errorFromStatus = (facts: ResponseFacts & { status: number }, answer: GraphQLAnswer | undefined, body: string): DuroError => {
  const { operation, status } = facts;
  const errors = answer?.errors ?? [];
  const header = status === 400 ? missingContextHeader(errors, body) : undefined;
  if (header) {
    return new DuroError("missing-context", `Duro Hub refused ${operation} (HTTP 400): it needs the ${header} header. To fix it, ${CONTEXT_HEADER_FIX[header]}.`, {
      status,
      operation,
      graphqlErrors: detailsOf(errors),
    });
  }
  const kind = kindForStatus(status);
  if (kind) return buildError(kind, errors, facts, answer?.data);
  return errors.length ? errorFromGraphQLErrors(errors, facts, answer?.data) : buildError("server", [], facts);
};

/** Anything the transport threw, as the DuroError a flow builder can act on. */
export const toDuroError = (error: unknown, facts: ResponseFacts): DuroError => {
  const { operation, url, timeoutMs } = facts;
  const name = (error as { name?: unknown }).name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new DuroError("timeout", `${operation} timed out after ${timeoutMs} ms waiting for Duro at ${url}. Try again; for large requests ask for fewer items per page.`, { operation, cause: error });
  }
  const code = networkCode(error);
  if (facts.status !== undefined && code !== undefined) {
    return new DuroError("network", `The connection to Duro at ${url} broke while reading its answer to ${operation} (HTTP ${facts.status}, ${code}). Try again.`, { operation, status: facts.status, networkCode: code, cause: error });
  }
  if (facts.status !== undefined) return notAnAnswerError(facts);
  return new DuroError("network", `Could not reach Duro at ${url} for ${operation}${code ? ` (${code})` : ""}. Check the connection's Duro Environment or Custom Duro Environment, and that the host is reachable from Prismatic.`, { operation, networkCode: code, cause: error });
};
