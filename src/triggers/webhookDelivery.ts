// One Duro webhook delivery, checked as Duro's webhook guide says: X-Webhook-Signature is the hex HMAC-SHA256 of the
// raw body with the signing secret (compared in constant time), the body is the documented JSON, and the same eventId
// may arrive more than once. A signed timestamp outside the duplicate window is refused (a possible replay).
import { createHmac, timingSafeEqual } from "node:crypto";
import { HttpResponse, TriggerPayload, util } from "@prismatic-io/spectral";
import { quoted } from "../client/errors";
import { DELIVERED_EVENT_NAMES, WebhookEvent } from "../operations/webhooks";

export const SIGNATURE_HEADER = "x-webhook-signature";

/** The raw body's bytes as Duro sent them: a string in production (its UTF-8 bytes), or a Buffer. Anything else was already parsed. */
const rawBodyBytes = (payload: TriggerPayload): Buffer | undefined => {
  const data = payload.rawBody?.data;
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (Buffer.isBuffer(data)) return data;
  return undefined;
};

/** The raw body as text (a Buffer read as UTF-8). */
export const rawBodyText = (payload: TriggerPayload): string | undefined => rawBodyBytes(payload)?.toString("utf8");

export type SignatureCheck = { valid: true; rawBody: string } | { valid: false; reason: string };

/**
 * Whether the delivery carries a signature made with `secret` over its raw body's bytes (not over the text they
 * decode to: two different invalid UTF-8 sequences decode alike). The reason never quotes a secret.
 */
export const checkSignature = (payload: TriggerPayload, secret: unknown): SignatureCheck => {
  // The secret comes from instance state, which anything may have written: only non-empty text is a secret.
  if (typeof secret !== "string" || secret === "") {
    return { valid: false, reason: "this instance has no signing secret: redeploy the instance so the trigger registers its Duro webhook again" };
  }
  const bytes = rawBodyBytes(payload);
  if (bytes === undefined) return { valid: false, reason: "the raw request body is not available, so the signature cannot be checked" };
  const received = util.types.lowerCaseHeaders(payload.headers ?? {})[SIGNATURE_HEADER];
  if (typeof received !== "string" || received.trim() === "") return { valid: false, reason: `the ${SIGNATURE_HEADER} header is missing` };
  const expected = Buffer.from(createHmac("sha256", secret).update(bytes).digest("hex"), "utf8");
  const given = Buffer.from(received.trim().toLowerCase(), "utf8");
  // timingSafeEqual needs equal lengths; a length mismatch is already a wrong signature.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: `the ${SIGNATURE_HEADER} header does not match the body (wrong secret, or the body was changed)` };
  }
  return { valid: true, rawBody: bytes.toString("utf8") };
};

export type EventFamily = "component" | "changeOrder";

/** A delivery as the flow sees it: Duro's fields, plus its subscription name, family and (for components) typed metadata. */
export interface DuroWebhookEvent {
  event: string;
  eventType: WebhookEvent;
  family: EventFamily;
  eventId: string;
  sourceId: string | null;
  timestamp: string;
  componentId: string | null;
  revisionValue: string | null;
  version: number | null;
  metadata: Record<string, unknown>;
  duplicate: boolean;
}

const EVENT_TYPES = new Map(Object.entries(DELIVERED_EVENT_NAMES).map(([type, name]) => [name, type as WebhookEvent]));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export type ParsedEvent = { valid: true; event: Omit<DuroWebhookEvent, "duplicate"> } | { valid: false; reason: string };

/** The documented payload `{ event, eventId, sourceId, timestamp, metadata }`, or why the body is not one. */
export const parseEvent = (rawBody: string): ParsedEvent => {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { valid: false, reason: "the body is not JSON" };
  }
  if (!isRecord(body)) return { valid: false, reason: "the body is not a JSON object" };
  const { event, eventId, sourceId, timestamp, metadata } = body;
  if (typeof event !== "string" || !EVENT_TYPES.has(event)) {
    return { valid: false, reason: `"event" must be one of ${[...EVENT_TYPES.keys()].join(", ")}; got ${quoted(event ?? null)}` };
  }
  if (typeof eventId !== "string" || eventId === "") return { valid: false, reason: `"eventId" must be a non-empty string` };
  if (typeof timestamp !== "string" || Number.isNaN(Date.parse(timestamp))) return { valid: false, reason: `"timestamp" must be an ISO 8601 date` };
  if (sourceId !== undefined && sourceId !== null && typeof sourceId !== "string") return { valid: false, reason: `"sourceId" must be a string` };
  if (!isRecord(metadata)) return { valid: false, reason: `"metadata" must be an object` };
  const eventType = EVENT_TYPES.get(event) as WebhookEvent;
  const family: EventFamily = eventType.startsWith("COMPONENT_") ? "component" : "changeOrder";
  if (family === "component" && typeof metadata.componentId !== "string") return { valid: false, reason: `a component event's "metadata.componentId" must be a string` };
  return {
    valid: true,
    event: {
      event,
      eventType,
      family,
      eventId,
      sourceId: typeof sourceId === "string" ? sourceId : null,
      timestamp,
      componentId: typeof metadata.componentId === "string" ? metadata.componentId : null,
      revisionValue: typeof metadata.revisionValue === "string" ? metadata.revisionValue : null,
      version: typeof metadata.version === "number" ? metadata.version : null,
      metadata,
    },
  };
};

// Enough for Duro's whole retry schedule (about 14 minutes over 10 retries) many times over, and a bound on state size.
export const MAX_REMEMBERED_EVENTS = 1000;

/** eventId → when it was first received (ms since epoch), as kept in the instance state. */
export type RecentEvents = Record<string, number>;

/** How far ahead of this clock a signed timestamp (or a remembered receipt time) may be: other clocks drift. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Why a signed delivery is too old or too new to take, if it is: a delivery older than the duplicate window could be
 * a replay the window no longer remembers, so it is refused like a duplicate would be.
 */
export const staleness = (timestamp: string, now: number, windowMs: number): string | undefined => {
  const age = now - Date.parse(timestamp);
  if (age >= windowMs) {
    return `the delivery's signed "timestamp" is ${Math.floor(age / 60_000)} minutes old, older than the duplicate window (${windowMs / 60_000} minutes), so it may be a replay`;
  }
  if (-age > CLOCK_SKEW_MS) return `the delivery's signed "timestamp" is ${Math.ceil(-age / 60_000)} minutes in the future (at most ${CLOCK_SKEW_MS / 60_000} allowed)`;
  return undefined;
};

/**
 * Whether `eventId` was seen within the window, and the remembered events after this one (old ones dropped, and
 * ones dated further ahead than clock skew explains: they would otherwise never expire).
 */
export const rememberEvent = (recent: unknown, eventId: string, now: number, windowMs: number): { duplicate: boolean; recent: RecentEvents } => {
  const kept = Object.entries(isRecord(recent) ? recent : {})
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && now - entry[1] < windowMs && entry[1] - now <= CLOCK_SKEW_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_REMEMBERED_EVENTS - 1);
  const duplicate = kept.some(([id]) => id === eventId);
  return { duplicate, recent: Object.fromEntries(duplicate ? kept : [[eventId, now], ...kept]) };
};

export const textResponse = (statusCode: number, body: string): HttpResponse => ({ statusCode, contentType: "text/plain", body });
