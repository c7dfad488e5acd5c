import { performance } from "node:perf_hooks";
import { GraphQLClient } from "graphql-request";
import { ConnectionFields, Dialect, resolveEndpoint, ResolvedEndpoint } from "../connections/endpoint";
import { DuroError } from "./errors";
import { errorFromGraphQLErrors, ResponseFacts, toDuroError } from "./errorMapping";
import { operationLabel } from "./operationLabel";
import { Redactor } from "./redact";

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
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The one GraphQL client every action uses: headers per dialect, redacted debug logs, Duro failures as DuroError. */
export class DuroClient {
  readonly dialect: Dialect;
  readonly url: string;
  private readonly endpoint: ResolvedEndpoint;
  private readonly redactor: Redactor;
  private readonly logger: DuroLogger;
  private readonly debug: boolean;
  private readonly timeoutMs: number;

  constructor(fields: ConnectionFields, { logger, debug, timeoutMs = DEFAULT_TIMEOUT_MS }: DuroClientOptions) {
    this.endpoint = resolveEndpoint(fields);
    this.dialect = this.endpoint.dialect;
    this.url = this.endpoint.url;
    this.redactor = new Redactor([this.endpoint.apiKey]);
    this.logger = logger;
    this.debug = debug;
    this.timeoutMs = timeoutMs;
  }

  async request<TData>(document: string, variables: Variables = {}): Promise<TData> {
    const operation = operationLabel(document);
    const facts: ResponseFacts = { operation, url: this.url, timeoutMs: this.timeoutMs };
    // graphql-request does not expose the HTTP response on every path (e.g. a 200 with an HTML body), so record it here.
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      facts.status = response.status;
      facts.retryAfterHeader = response.headers.get("retry-after") ?? undefined;
      return response;
    };
    const client = new GraphQLClient(this.url, { headers: this.endpoint.headers, errorPolicy: "all", fetch: recordingFetch });

    this.logDebug(`Duro request ${operation} → ${this.url}`, () => ({
      headers: this.redactor.value(this.endpoint.headers),
      variables: this.redactor.value(variables),
    }));
    const started = performance.now();
    try {
      const result = await client.rawRequest<TData>(document, variables);
      this.logDebug(`Duro response ${operation}: HTTP ${result.status} in ${elapsed(started)} ms`);
      if (result.errors?.length) throw errorFromGraphQLErrors(result.errors, facts);
      if (result.data === null || result.data === undefined) {
        throw new DuroError("server", `Duro answered ${operation} with no data and no errors. Try again; if it persists, report it to Duro support.`, {
          operation,
          status: result.status,
        });
      }
      return result.data;
    } catch (error) {
      const duroError = error instanceof DuroError ? error : toDuroError(error, facts);
      const safe = this.scrub(duroError);
      this.logDebug(`Duro ${operation} failed after ${elapsed(started)} ms (${safe.kind}): ${safe.message}`);
      throw safe;
    }
  }

  /** Progress of long work (many pages), logged whether or not debug is on. */
  progress(message: string): void {
    this.logger.info(message);
  }

  /** `details` is a function so the redaction work is done only when debug logging is on. */
  private logDebug(message: string, details?: () => unknown): void {
    if (!this.debug) return;
    if (details === undefined) this.logger.info(message);
    else this.logger.info(message, JSON.stringify(details()));
  }

  /** A server may echo what we sent; make sure the key never leaves in an error. */
  private scrub(error: DuroError): DuroError {
    const message = this.redactor.text(error.message);
    if (message === error.message) return error;
    return new DuroError(error.kind, message, {
      status: error.status,
      operation: error.operation,
      retryAfterSeconds: error.retryAfterSeconds,
      graphqlErrors: this.redactor.value(error.graphqlErrors) as DuroError["graphqlErrors"],
    });
  }
}

const elapsed = (started: number): number => Math.round(performance.now() - started);
