// The endpoint's own schema, read by introspection only after Duro has rejected a document as invalid (or when Check
// Connection asks): once per endpoint and context headers in the process, shared by concurrent callers.
import type { GraphQLSchema } from "graphql/type/schema";
import { buildClientSchema } from "graphql/utilities/buildClientSchema";
import { getIntrospectionQuery, IntrospectionQuery } from "graphql/utilities/getIntrospectionQuery";
import { DuroClient } from "./duroClient";
import { DuroError, DuroErrorKind } from "./errors";

export type LiveSchema = { status: "introspected"; schema: GraphQLSchema } | { status: "unavailable"; reason: string };

// Descriptions are left out: they are most of an introspection answer's size and the connector never reads them.
const INTROSPECTION_QUERY = getIntrospectionQuery({ descriptions: false });

// Failures that may pass: the next adaptation asks again instead of living with "unavailable" for the process.
const TRANSIENT_KINDS = new Set<DuroErrorKind>(["network", "timeout", "server", "rate-limited"]);

interface CacheEntry {
  pending: Promise<LiveSchema>;
  settled?: LiveSchema;
}

// A handful of endpoints per instance; the cache simply starts over when full.
const SCHEMA_LIMIT = 64;
const schemas = new Map<string, CacheEntry>();

const introspect = async (client: DuroClient): Promise<LiveSchema & { transient?: boolean }> => {
  let data: IntrospectionQuery;
  try {
    data = await client.request<IntrospectionQuery>(INTROSPECTION_QUERY);
  } catch (error) {
    const failure = error instanceof DuroError ? error : new DuroError("server", String(error));
    return { status: "unavailable", reason: `introspection refused: ${failure.message}`, transient: TRANSIENT_KINDS.has(failure.kind) };
  }
  try {
    return { status: "introspected", schema: buildClientSchema(data) };
  } catch (error) {
    return { status: "unavailable", reason: `the introspection answer is not a usable schema (${(error as Error).message})` };
  }
};

/** The endpoint's schema if this process has already read it (or learnt it is unavailable); never sends anything. */
export const knownLiveSchema = (client: DuroClient): LiveSchema | undefined => schemas.get(client.schemaScope)?.settled;

export interface ReadOptions {
  /** Read again even when the schema is known (Check Connection). */
  fresh?: boolean;
  /** A schema the endpoint has just contradicted: if it is the cached one, read again. */
  stale?: GraphQLSchema;
}

/** The endpoint's schema: from the cache, from an introspection already under way, or by one introspection request. */
export const readLiveSchema = (client: DuroClient, { fresh = false, stale }: ReadOptions = {}): Promise<LiveSchema> => {
  const scope = client.schemaScope;
  const cached = schemas.get(scope);
  const outdated = cached?.settled !== undefined && (fresh || (stale !== undefined && cached.settled.status === "introspected" && cached.settled.schema === stale));
  if (cached && !outdated) return cached.pending;
  const entry: CacheEntry = {
    pending: introspect(client).then(({ transient, ...live }) => {
      entry.settled = live;
      if (transient && schemas.get(scope) === entry) schemas.delete(scope);
      client.note(
        live.status === "introspected"
          ? `Read the schema of ${client.url} by introspection; kept for this endpoint in this process.`
          : `The schema of ${client.url} is unavailable (${live.reason}).`,
      );
      return live;
    }),
  };
  if (!schemas.has(scope) && schemas.size >= SCHEMA_LIMIT) schemas.clear();
  schemas.set(scope, entry);
  return entry.pending;
};

// graphql-js's validation and variable-coercion messages (Apollo Server, GraphQL Yoga and others use them as is).
const VALIDATION_MESSAGES = [
  /^Cannot query field "/,
  /^Unknown (?:argument|type|fragment|directive) "/,
  /^Field "[^"]+" argument "[^"]+" of type "[^"]+" is required/,
  /^Field "[^"]+" (?:must not have a selection|of type "[^"]+" must have a selection)/,
  /^Field "[^"]+" is not defined by type "/,
  /^Field "[^"]+" of required type "[^"]+" was not provided/,
  /^Expected value of type "/,
  /^Variable "\$[^"]+" (?:got invalid value|of required type|of non-null type|of type "[^"]+" used in position|is not defined|is never used)/,
];

// Codes under which servers report a request that failed before anything ran; BAD_USER_INPUT is Apollo's for a
// variable that does not fit its type (it also uses it for resolver errors, which have a path).
const VALIDATION_CODES = new Set(["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"]);

/**
 * Whether Duro refused a request as invalid for its schema, so nothing ran: every error a validation or variable
 * coercion error (GRAPHQL_VALIDATION_FAILED, or graphql-js's wording without a path). An error with a path comes
 * from executing the operation, and a mutation that started must not be sent again.
 */
export const isValidationFailure = (error: unknown): boolean => {
  if (!(error instanceof DuroError) || error.kind !== "graphql" || !error.graphqlErrors?.length) return false;
  return error.graphqlErrors.every(
    ({ message, path, code }) =>
      path === undefined &&
      (code === "GRAPHQL_VALIDATION_FAILED" || ((code === undefined || VALIDATION_CODES.has(code)) && VALIDATION_MESSAGES.some((pattern) => pattern.test(message)))),
  );
};
