// Check Connection: what an ops person needs to know about one connection, in one step. The API key is read locally
// (a classic key is a JWT with an expiry) and sent only to the connection's own endpoint, as every step sends it.
import type { GraphQLSchema } from "graphql/type/schema";
import { DuroClient } from "../client/duroClient";
import { DuroError, DuroErrorKind } from "../client/errors";
import { readLiveSchema } from "../client/liveSchema";
import { perform, unavailableReason } from "./dialects";
import { AnyOperation } from "./stepOperations";
import { GET_CURRENT_USER } from "./users";
import { fitsSchema } from "./variants";
import { CURRENT_LIBRARY } from "./webhooks";

/** Who the key speaks for: a user on classic Duro, a library on Duro Hub (where no user query is documented). */
interface Identity {
  kind: "user" | "library";
  id: string;
  name: string | null;
  email: string | null;
  /** The user's company on classic Duro; the connection's organization on Duro Hub. */
  organization: string | null;
}

interface StepSupport {
  key: string;
  supported: boolean;
  reason?: string;
}

export interface ConnectionReport {
  endpoint: string;
  dialect: "classic" | "hub";
  authenticated: boolean;
  identity: Identity | null;
  schema: "introspected" | "unavailable";
  actions: StepSupport[];
  apiKeyExpiresAt: string | null;
  warnings: string[];
}

interface ConnectionCheck {
  apiKey: string;
  organization: string | null;
  /** Every action and trigger of the component, with the operations it declares. */
  steps: Array<{ key: string; operations: readonly AnyOperation[] }>;
  now: number;
}

const DAY_MS = 86_400_000;
/** Classic keys last 90 days (Duro's Quick Start Guide); two weeks' notice leaves time to rotate. */
const EXPIRY_WARNING_DAYS = 14;

/** The `exp` claim of a key that is a JWT, decoded here: the key goes nowhere but its own endpoint. */
const apiKeyExpiry = (apiKey: string): Date | undefined => {
  const parts = apiKey.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    const exp = typeof claims === "object" && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    const expiry = typeof exp === "number" ? new Date(exp * 1000) : undefined;
    return expiry && !Number.isNaN(expiry.getTime()) ? expiry : undefined;
  } catch {
    return undefined;
  }
};

const expiryWarning = (expiry: Date, now: number): string | undefined => {
  const days = (expiry.getTime() - now) / DAY_MS;
  const rotate = "Create a new key in Duro (avatar → Account settings → Integrations → Get API Key) and paste it into the connection.";
  if (days <= 0) return `The API key expired on ${expiry.toISOString()}. ${rotate}`;
  if (days <= EXPIRY_WARNING_DAYS) return `The API key expires on ${expiry.toISOString()}, in ${Math.ceil(days)} day(s). ${rotate}`;
  return undefined;
};

// The endpoint cannot be checked at all, or the connector failed reading its answer: the step fails with the error
// that says why, as any step would.
const UNREACHABLE_KINDS = new Set<DuroErrorKind>(["network", "timeout", "server", "rate-limited", "internal"]);

const identityOf = async (client: DuroClient, organization: string | null): Promise<Identity> => {
  if (client.dialect === "classic") {
    const user = await perform(client, GET_CURRENT_USER, undefined);
    const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
    return { kind: "user", id: user.id, name: name || null, email: user.email, organization: user.primaryCompany?.name ?? null };
  }
  const library = await perform(client, CURRENT_LIBRARY, undefined);
  return { kind: "library", id: library.id, name: library.name, email: null, organization };
};

/** Who the key is, or why Duro would not say; whether Duro accepted the key at all. */
const authenticate = async (client: DuroClient, organization: string | null) => {
  try {
    return { authenticated: true, identity: await identityOf(client, organization), problem: undefined };
  } catch (error) {
    if (!(error instanceof DuroError) || UNREACHABLE_KINDS.has(error.kind) || (error.kind === "not-found" && error.status === 404)) throw error;
    // A refused key, or a context header Duro refused before looking at the key (HTTP 400).
    const refused = error.kind === "auth" || (error.kind === "missing-context" && error.status !== undefined);
    return { authenticated: !refused, identity: null, problem: error.message };
  }
};

const supportOn = (client: DuroClient, operations: readonly AnyOperation[], schema: GraphQLSchema | undefined): Omit<StepSupport, "key"> => {
  const reasons = operations.flatMap((operation) => {
    const unavailable = unavailableReason(operation, client.dialect);
    if (unavailable) return [unavailable];
    const queries = operation.documents[client.dialect];
    const fit = schema && queries ? fitsSchema(queries, schema) : { supported: true as const };
    return fit.supported ? [] : [`${operation.name}: ${fit.reason}`];
  });
  const unique = [...new Set(reasons)];
  return unique.length ? { supported: false, reason: unique.join(" ") } : { supported: true };
};

/**
 * The connection's report: endpoint and dialect, whether Duro accepts the key and whom it belongs to, when the key
 * expires, and which steps work on the endpoint (checked against its schema when it can be read). A refused key or
 * an unsupported step is reported, not thrown; an endpoint that cannot be reached fails the step.
 */
export const reportConnection = async (client: DuroClient, { apiKey, organization, steps, now }: ConnectionCheck): Promise<ConnectionReport> => {
  const warnings: string[] = [];
  const expiry = apiKeyExpiry(apiKey);
  const expiring = expiry && expiryWarning(expiry, now);
  if (expiring) warnings.push(expiring);

  const { authenticated, identity, problem } = await authenticate(client, organization);
  if (problem) warnings.push(problem);

  let schema: GraphQLSchema | undefined;
  if (authenticated) {
    const live = await readLiveSchema(client, { fresh: true });
    if (live.status === "introspected") schema = live.schema;
    else warnings.push(`The endpoint's schema could not be read (${live.reason}): the steps below are checked against the connector's own documents only.`);
  } else {
    warnings.push("The endpoint's schema was not read, as Duro did not accept the connection: the steps below are checked against the connector's own documents only.");
  }

  return {
    endpoint: client.url,
    dialect: client.dialect,
    authenticated,
    identity,
    schema: schema ? "introspected" : "unavailable",
    actions: steps.map(({ key, operations }) => ({ key, ...supportOn(client, operations, schema) })),
    apiKeyExpiresAt: expiry ? expiry.toISOString() : null,
    warnings,
  };
};
