// The HTTP transport every GraphQL request goes through: node:http / node:https with keep-alive agents. Compared
// with the global fetch it costs about half the CPU per call (npm run bench), never follows a redirect (fetch
// re-sends every custom header, the API key included, to wherever a Location points), reads the body with a byte cap,
// and lets no raw server bytes into an error.
import { Agent as HttpAgent, IncomingHttpHeaders, IncomingMessage, request as httpRequest, RequestOptions } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { urlToHttpOptions } from "node:url";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { DuroError } from "./errors";

// An idle connection is dropped after 4 s (undici's default too), before the common 5 s server idle timeouts, so a
// request is rarely written to a connection the server is closing. Node also honours a server's Keep-Alive hint.
const IDLE_SOCKET_MS = 4_000;
const agents = {
  "http:": new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  "https:": new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

// Duro's JSON compresses about tenfold; decoding costs less than the bytes it saves on any real network.
const ACCEPT_ENCODING = "gzip, deflate, br";
const decoderFor = (encoding: string | undefined) => {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return createGunzip();
    case "deflate":
      return createInflate();
    case "br":
      return createBrotliDecompress();
    default:
      return undefined;
  }
};

/** What a transport is told about the call it carries, for its limits and its error messages. */
export interface TransportCall {
  operation: string;
  /** The connection's endpoint. */
  url: string;
  /** The endpoint is the connection's Custom Duro Environment (not a built-in environment's URL). */
  customUrl: boolean;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Called with the status and headers as soon as they arrive, so every failure after that can name them. */
  onResponse: (status: number, headers: ResponseHeaders) => void;
}

/** The response headers, read by name. */
export interface ResponseHeaders {
  get: (name: string) => string | null;
}

const headersOf = (headers: IncomingHttpHeaders): ResponseHeaders => ({
  get: (name) => {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  },
});

/** A socket or parser failure as a code only: Node's parser errors carry the raw bytes the server sent. */
const codeOnly = (error: unknown): Error => {
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (name === "TimeoutError") return error as Error;
  if (typeof code !== "string") return new Error("The request failed.");
  // Shaped like fetch's failures (the code on the cause), which is where the error mapping reads it.
  return new Error(`The request failed (${code}).`, { cause: Object.assign(new Error(code), { code }) });
};

const timeoutError = (): Error => Object.assign(new Error("The request timed out."), { name: "TimeoutError" });

const MAX_SHOWN_LOCATION = 200;
/** Where a redirect points, without what must not be repeated: user name, password, query string, fragment. */
const shownLocation = (location: string | undefined, base: string): string | undefined => {
  if (!location) return undefined;
  try {
    const target = new URL(location, base);
    const shown = `${target.protocol}//${target.host}${target.pathname}`;
    return shown.length > MAX_SHOWN_LOCATION ? `${shown.slice(0, MAX_SHOWN_LOCATION)}…` : shown;
  } catch {
    return undefined;
  }
};

const redirectError = (call: TransportCall, status: number, location: string | undefined): DuroError => {
  const target = shownLocation(location, call.url);
  const where = target ? `to ${target}` : "without saying where";
  const fix = target
    ? `If ${target} is the right Duro endpoint, put it in the connection's Custom Duro Environment`
    : "Put the endpoint's final URL in the connection's Custom Duro Environment";
  const message = `The Duro endpoint ${call.url} answered ${call.operation} with a redirect (HTTP ${status}) ${where}. The connector never follows redirects, so the API key is sent only to the URL you configured. ${fix}${call.customUrl ? "" : ", or check Duro's status page: the environment's address may have moved"}.`;
  // A custom URL is what the user typed, so it is that input that needs the fix; a built-in URL redirecting is Duro's.
  return call.customUrl
    ? new DuroError("invalid-input", message, { input: "customDuroEnvironment", status, operation: call.operation })
    : new DuroError("server", message, { status, operation: call.operation });
};

const megabytes = (bytes: number): string => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

const tooLargeError = (call: TransportCall, status: number, what: string): DuroError =>
  new DuroError(
    "server",
    `Duro's answer to ${call.operation} ${what}, over the connection's Max Response Size of ${megabytes(call.maxResponseBytes)}; the connector stopped reading it. Ask for fewer items per page (or fewer fields), or raise Advanced: Max Response Size (MB) in the connection if such answers are expected.`,
    { status, operation: call.operation },
  );

/** Reads the whole body, decoded, up to the cap; past it the socket is destroyed, so memory stays bounded. */
const readBody = (call: TransportCall, response: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const status = response.statusCode ?? 0;
    const decoder = decoderFor(response.headers["content-encoding"]);
    const body: Readable = decoder ? response.pipe(decoder) : response;
    const chunks: Buffer[] = [];
    let length = 0;
    const fail = (error: unknown) => {
      response.destroy();
      decoder?.destroy();
      reject(error);
    };
    body.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > call.maxResponseBytes) fail(tooLargeError(call, status, `grew past ${megabytes(call.maxResponseBytes)}`));
      else chunks.push(chunk);
    });
    // Most answers arrive in one chunk, which needs no copy.
    body.on("end", () => resolve((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)).toString("utf8")));
    body.on("error", (error) => fail(error));
    // A body cut off mid-way fails the message, which does not pass its error on through the decoder.
    if (decoder) response.on("error", (error) => fail(error));
  });

/** An answer read whole: its status (its headers went to the call's onResponse) and its decoded body. */
export interface TransportResponse {
  status: number;
  text: string;
}

// Every step sends to one of a handful of URLs: parsing one into request options once is enough.
const TARGET_LIMIT = 64;
const targets = new Map<string, RequestOptions>();
const targetOf = (url: string): RequestOptions => {
  let target = targets.get(url);
  if (!target) {
    const { protocol, hostname, port, path } = urlToHttpOptions(new URL(url));
    target = { protocol: protocol === "http:" ? "http:" : "https:", hostname, port, path };
    if (targets.size >= TARGET_LIMIT) targets.clear();
    targets.set(url, target);
  }
  return target;
};

/**
 * POSTs one body to the call's URL. The timeout covers the whole exchange (connect, answer, body) and its timer is
 * cleared when the call ends; a redirect or an answer over the size cap fails as a DuroError. `headers` are sent as
 * given (lower-case names), with the body's length and the encodings it decodes added.
 */
export const post = (call: TransportCall, headers: Readonly<Record<string, string>>, body: string): Promise<TransportResponse> => {
  const target = targetOf(call.url);
  const options: RequestOptions = {
    ...target,
    method: "POST",
    headers: { "accept-encoding": ACCEPT_ENCODING, ...headers, "content-length": String(Buffer.byteLength(body)) },
    agent: target.protocol === "http:" ? agents["http:"] : agents["https:"],
  };
  const send = target.protocol === "http:" ? httpRequest : httpsRequest;

  return new Promise<TransportResponse>((resolve, reject) => {
    const request = send(options);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(timeoutError());
    }, call.timeoutMs);
    const settle =
      <T>(then: (value: T) => void) =>
      (value: T) => {
        clearTimeout(timer);
        then(value);
      };
    // Once the timer fired, whatever error the destroyed socket raises is that timeout.
    const failed = settle((error: unknown) => reject(timedOut ? timeoutError() : error instanceof DuroError ? error : codeOnly(error)));
    request.on("error", failed);
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      call.onResponse(status, headersOf(response.headers));
      if (status >= 300 && status < 400) {
        response.destroy();
        failed(redirectError(call, status, response.headers.location));
        return;
      }
      const announced = Number(response.headers["content-length"]);
      if (announced > call.maxResponseBytes) {
        response.destroy();
        failed(tooLargeError(call, status, `announces ${megabytes(announced)} (Content-Length)`));
        return;
      }
      readBody(call, response).then(
        settle((text: string) => resolve({ status, text })),
        failed,
      );
    });
    request.end(body);
  });
};
