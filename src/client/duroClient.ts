import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { ConnectionFields, Dialect, ENVIRONMENTS, resolveEndpoint, ResolvedEndpoint } from "../connections/endpoint";
import { ReliabilityFields, RequestPolicy, resolveRequestPolicy } from "../connections/reliability";
import { DuroError, reworded } from "./errors";
import { errorFromGraphQLErrors, errorFromStatus, graphQLAnswer, notAnAnswerError, ResponseFacts, toDuroError } from "./errorMapping";
import { documentFacts, DocumentFacts } from "./documentFacts";
import { Redactor, secretValues, stripSigningSecrets } from "./redact";
import { decideRetry, RetryPolicy } from "./retry";
import { post, TransportCall } from "./transport";

export type Variables = Record<string, unknown>;

/** The part of spectral's ActionLogger the client writes to. */
export interface DuroLogger {
  info: (...args: unknown[]) => void;
  warn: (...args: unknown[]) => void;
}

export interface DuroClientOptions {
  logger: DuroLogger;
  /** Log every request and response (secrets redacted). */
  debug: boolean;
  /** Overrides the connection's timeout (tests use a short one). */
  timeoutMs?: number;
  /** Overrides parts of the connection's retry policy. */
  retry?: Partial<RetryPolicy>;
  /** Where backoff jitter comes from: a value in [0, 1). */
  random?: () => number;
}

type ClientFields = ConnectionFields & ReliabilityFields;

/** What every request to an endpoint sends besides its body: the endpoint's own headers and the GraphQL content types. */
const requestHeadersFor = (endpoint: ResolvedEndpoint): Record<string, string> => ({
  accept: "application/graphql-response+json, application/json",
  "content-type": "application/json",
  ...Object.fromEntries(Object.entries(endpoint.headers).map(([name, value]) => [name.toLowerCase(), value])),
});

// Every step builds a client from its connection; validating the same fields again each time was a tenth of a
// loopback call's cost (npm run bench), so the result, and what follows from it alone, is kept per distinct set of
// fields (a handful per instance).
const RESOLVED_LIMIT = 64;
interface ResolvedConnection {
  endpoint: ResolvedEndpoint;
  policy: RequestPolicy;
  requestHeaders: Record<string, string>;
  redactor: Redactor;
}
const resolved = new Map<string, ResolvedConnection>();

const resolvedConnection = (fields: ClientFields): ResolvedConnection => {
  const key = JSON.stringify(fields);
  let entry = resolved.get(key);
  if (!entry) {
    const endpoint = resolveEndpoint(fields);
    entry = { endpoint, policy: resolveRequestPolicy(fields), requestHeaders: requestHeadersFor(endpoint), redactor: new Redactor([endpoint.apiKey]) };
    if (resolved.size >= RESOLVED_LIMIT) resolved.clear();
    resolved.set(key, entry);
  }
  return entry;
};

/** The one GraphQL client every action uses: headers per dialect, redacted debug logs, Duro failures as DuroError. */
export class DuroClient {
  readonly dialect: Dialect;
  readonly url: string;
  /** The endpoint and its context headers (no secret): what one live schema is cached for. */
  readonly schemaScope: string;
  private readonly endpoint: ResolvedEndpoint;
  /** The endpoint's headers (the API key, Duro Hub's context) and the GraphQL content types, sent with every request. */
  private readonly requestHeaders: Record<string, string>;
  private readonly redactor: Redactor;
  private readonly logger: DuroLogger;
  private readonly debug: boolean;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly random: () => number;
  // One client serves one step: the retry budget is spent across all its requests (a Fetch All's pages share it).
  private retrySpentMs = 0;

  constructor(fields: ClientFields, { logger, debug, timeoutMs, retry, random = Math.random }: DuroClientOptions) {
    const { endpoint, policy, requestHeaders, redactor } = resolvedConnection(fields);
    this.endpoint = endpoint;
    this.dialect = this.endpoint.dialect;
    this.url = this.endpoint.url;
    this.schemaScope = JSON.stringify([this.dialect, this.url, this.endpoint.headers["x-organization"], this.endpoint.headers["x-library"]]);
    this.redactor = redactor;
    this.requestHeaders = requestHeaders;
    this.logger = logger;
    this.debug = debug;
    this.timeoutMs = timeoutMs ?? policy.timeoutMs;
    this.maxResponseBytes = policy.maxResponseBytes;
    this.retryPolicy = { ...policy.retry, ...retry };
    this.random = random;
  }

  /**
   * Sends one GraphQL document, retrying what is safe to retry (see retry.ts): each retry is logged with its reason
   * and wait, whether or not debug is on. A failure after retries says how many attempts were made.
   */
  async request<TData>(document: string, variables: Variables = {}): Promise<TData> {
    const facts = documentFacts(document);
    const { label: operation, mutation } = facts;
    // Secrets sent as variables (a webhook's signing secret) are as secret as the key, should a server echo them.
    const redactor = this.redactor.with(secretValues(variables));
    const started = performance.now();
    for (let attempt = 1; ; attempt += 1) {
      const attemptStarted = performance.now();
      try {
        return await this.attempt<TData>(document, variables, facts, redactor);
      } catch (error) {
        const failure = error as DuroError;
        this.retrySpentMs += elapsed(attemptStarted);
        const decision = decideRetry(this.retryPolicy, { error: failure, mutation, attempt, elapsedMs: this.retrySpentMs }, this.random);
        if (!decision.retry) {
          const budget = !decision.budgetSpent
            ? ""
            : this.retryPolicy.budgetMs === 0
              ? " Retrying is off (the connection's Retry Time Budget is 0 s)."
              : ` The step's retry time budget (${this.retryPolicy.budgetMs / 1000} s) is used up.`;
          throw this.finalError(failure, attempt, elapsed(started), decision.mayHaveActed, budget);
        }
        this.logger.warn(
          `Duro ${operation}: ${decision.reason} on attempt ${attempt} of ${this.retryPolicy.maxAttempts}; retrying in ${decision.waitMs} ms.`,
        );
        await sleep(decision.waitMs);
        this.retrySpentMs += decision.waitMs;
      }
    }
  }

  /** One attempt; every failure comes out as a DuroError with no secret in it. */
  private async attempt<TData>(document: string, variables: Variables, { label: operation, operationName }: DocumentFacts, redactor: Redactor): Promise<TData> {
    const facts: ResponseFacts = { operation, url: this.url, timeoutMs: this.timeoutMs };
    const call: TransportCall = {
      operation,
      url: this.url,
      customUrl: this.url !== ENVIRONMENTS[this.endpoint.environment].url,
      timeoutMs: this.timeoutMs,
      maxResponseBytes: this.maxResponseBytes,
      // Recorded as soon as the answer starts, so a failure while reading its body can name them.
      onResponse: (status, headers) => {
        facts.status = status;
        facts.retryAfterHeader = headers.get("retry-after") ?? undefined;
        facts.contentType = headers.get("content-type") ?? undefined;
      },
    };
    // The GraphQL over HTTP spec's POST body; the operation's name goes along so Duro's logs name the request too.
    const body = JSON.stringify(operationName === undefined ? { query: document, variables } : { query: document, variables, operationName });

    this.logDebug(`Duro request ${operation} → ${this.url}`, () => ({
      headers: redactor.value(this.endpoint.headers),
      variables: redactor.value(variables),
    }));
    const started = performance.now();
    try {
      const response = await post(call, this.requestHeaders, body);
      const answer = graphQLAnswer(response.text, facts.contentType);
      if (response.status < 200 || response.status > 299) throw errorFromStatus({ ...facts, status: response.status }, answer, response.text);
      if (answer === undefined) throw notAnAnswerError(facts);
      this.logDebug(`Duro response ${operation}: HTTP ${response.status} in ${elapsed(started)} ms`);
      if (answer.errors?.length) throw errorFromGraphQLErrors(answer.errors, facts, answer.data);
      if (answer.data === null || answer.data === undefined) {
        throw new DuroError("server", `Duro answered ${operation} with no data and no errors. Try again; if it persists, report it to Duro support.`, {
          operation,
          status: response.status,
        });
      }
      stripSigningSecrets(answer.data);
      return answer.data as TData;
    } catch (error) {
      const duroError = error instanceof DuroError ? error : toDuroError(error, facts);
      const safe = scrub(duroError, redactor);
      this.logDebug(`Duro ${operation} failed after ${elapsed(started)} ms (${safe.kind}): ${safe.message}`);
      throw safe;
    }
  }

  /** The error the user sees: how many attempts it took, and for a mutation that may have gone through, what to check. */
  private finalError(error: DuroError, attempts: number, elapsedMs: number, mayHaveActed: boolean, budget: string): DuroError {
    const tried = attempts > 1 ? ` Tried ${attempts} times over ${(elapsedMs / 1000).toFixed(1)} s.` : "";
    const check = mayHaveActed
      ? " It was not retried because Duro may have carried it out: check in Duro before running the step again, or it may be done twice."
      : "";
    return tried || check || budget ? reworded(error, `${error.message}${check}${budget}${tried}`, { attempts }) : error;
  }

  /** Progress of long work (many pages), logged whether or not debug is on. */
  progress(message: string): void {
    this.logger.info(message);
  }

  /** A note for the debug log only (e.g. how the endpoint's schema changed a document). */
  note(message: string): void {
    this.logDebug(message);
  }

  /** A warning in the step log, whether or not debug is on. */
  warn(message: string): void {
    this.logger.warn(message);
  }

  /** `details` is a function so the redaction work is done only when debug logging is on. */
  private logDebug(message: string, details?: () => unknown): void {
    if (!this.debug) return;
    if (details === undefined) this.logger.info(message);
    else this.logger.info(message, JSON.stringify(details()));
  }
}

/** A server may echo what we sent; make sure no secret leaves in an error, its message or its details. */
const scrub = (error: DuroError, redactor: Redactor): DuroError => {
  const message = redactor.text(error.message);
  const graphqlErrors = redactor.value(error.graphqlErrors) as DuroError["graphqlErrors"];
  const permission = error.permission === undefined ? undefined : redactor.text(error.permission);
  if (message === error.message && permission === error.permission && JSON.stringify(graphqlErrors) === JSON.stringify(error.graphqlErrors)) return error;
  return reworded(error, message, { graphqlErrors, permission, cause: undefined });
};

const elapsed = (started: number): number => Math.round(performance.now() - started);
