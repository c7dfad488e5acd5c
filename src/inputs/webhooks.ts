// The inputs of the webhook actions and the webhook trigger, validated to Duro's documented limits (its webhook guide)
// before any request: name 1-100, https URL, description <= 500, signing secret >= 16, timeout 5-300 s, retries 0-10.
import { input } from "@prismatic-io/spectral";
import { invalidInput, quoted } from "../client/errors";
import { cleanBoolean, cleanId, cleanOptionalId, cleanOptionalText, cleanOptionalWholeNumber, cleanRequiredText, cleanWholeNumber, isBlank } from "./cleaners";
import { choiceInput, withDefault } from "./shared";
import { ANNOUNCED_WEBHOOK_EVENTS, LIVE_WEBHOOK_EVENTS, WEBHOOK_EVENTS, WEBHOOK_LIMITS, WebhookEvent } from "../operations/webhooks";

const EVENT_LABELS: Record<WebhookEvent, string> = {
  COMPONENT_CREATED: "Component created",
  COMPONENT_UPDATED: "Component updated",
  COMPONENT_DELETED: "Component deleted",
  CHANGE_ORDER_OPENED: "Change order opened",
  CHANGE_ORDER_UPDATED: "Change order updated",
  CHANGE_ORDER_DELETED: "Change order deleted",
  CHANGE_ORDER_STAGE_TRANSITION: "Change order moved stage",
  CHANGE_ORDER_STAGE_REVIEWER_DECISION: "Change order reviewer decided",
  CHANGE_ORDER_RESOLUTION: "Change order resolved",
};

const ANNOUNCED_NOTE = "announced by Duro, not yet delivered";

const eventChoices = WEBHOOK_EVENTS.map((event) => ({
  label: (ANNOUNCED_WEBHOOK_EVENTS as readonly string[]).includes(event) ? `${EVENT_LABELS[event]} (${ANNOUNCED_NOTE})` : EVENT_LABELS[event],
  value: event,
}));

const isWebhookEvent = (value: string): value is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(value);

/** A list of event names: an array (a value list, or mapped from a step) or text separated by commas. */
const cleanEvents =
  (key: string, { required }: { required: boolean }) =>
  (value: unknown): WebhookEvent[] => {
    const items = isBlank(value) ? [] : Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [value];
    const names = items.map((item) => (typeof item === "string" ? item.trim() : item)).filter((item) => item !== "");
    const unknown = names.filter((name) => typeof name !== "string" || !isWebhookEvent(name));
    if (unknown.length) throw invalidInput(key, `unknown event ${unknown.slice(0, 5).map((name) => quoted(name)).join(", ")}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""}; use ${WEBHOOK_EVENTS.join(", ")}.`);
    if (required && names.length === 0) throw invalidInput(key, `is required: pick at least one event, e.g. ${LIVE_WEBHOOK_EVENTS.join(", ")}.`);
    return [...new Set(names as WebhookEvent[])];
  };

const cleanWebhookName = (key: string) => cleanRequiredText(key, "A webhook name", WEBHOOK_LIMITS.nameLength);
const cleanOptionalWebhookName = (key: string) => cleanOptionalText(key, WEBHOOK_LIMITS.nameLength);
const cleanDescription = (key: string) => cleanOptionalText(key, WEBHOOK_LIMITS.descriptionLength);

/** Duro delivers only to HTTPS endpoints. Not given is undefined (for updates). */
const cleanHttpsUrl = (key: string) => (value: unknown): string | undefined => {
  const text = cleanOptionalText(key)(value);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidInput(key, `must be a full HTTPS URL like https://hooks.example.com/duro; got ${quoted(text)}.`);
  }
  if (url.protocol !== "https:") throw invalidInput(key, `Duro delivers webhooks to HTTPS URLs only; got a ${url.protocol.replace(":", "")} URL.`);
  // Duro would store and show the URL: a user name or password in it would leak; the signing secret authenticates.
  if (url.username || url.password) throw invalidInput(key, "must not contain a user name or password; Duro signs each delivery instead (signing secret).");
  return text;
};

const cleanRequiredHttpsUrl = (key: string) => {
  const clean = cleanHttpsUrl(key);
  return (value: unknown): string => {
    const url = clean(value);
    if (url === undefined) throw invalidInput(key, "an HTTPS URL is required, like https://hooks.example.com/duro.");
    return url;
  };
};

/** Not echoed in the error: a signing secret is a secret even when it is too short. */
const cleanSigningSecret = (key: string) => (value: unknown): string | undefined => {
  if (isBlank(value)) return undefined;
  if (typeof value !== "string") throw invalidInput(key, "must be text.");
  if (value.length < WEBHOOK_LIMITS.signingSecretMinLength) {
    throw invalidInput(key, `must be at least ${WEBHOOK_LIMITS.signingSecretMinLength} characters (it has ${value.length}); a long random value is best.`);
  }
  return value;
};

const cleanTimeoutSeconds = (key: string) => cleanOptionalWholeNumber(key, WEBHOOK_LIMITS.timeoutSeconds.min, WEBHOOK_LIMITS.timeoutSeconds.max);
const cleanMaxRetries = (key: string) => cleanOptionalWholeNumber(key, WEBHOOK_LIMITS.maxRetries.min, WEBHOOK_LIMITS.maxRetries.max);

export const webhookId = input({
  label: "Webhook ID",
  type: "string",
  required: true,
  clean: cleanId("webhookId", "The webhook ID"),
  dataSource: "selectWebhook",
  example: "3b2f1c4e-9a8d-4e7f-b6a5-0c1d2e3f4a5b",
  comments: "The Duro Hub webhook's ID (from Create Webhook or List Webhooks). The Select Webhook picklist (selectWebhook) offers them by name and URL.",
});

export const libraryId = input({
  label: "Library ID",
  type: "string",
  required: false,
  clean: cleanOptionalId("libraryId", "The library ID"),
  dataSource: "selectLibrary",
  example: "7d2e9a40-6b1c-4f3e-8a5d-1c2b3a4d5e6f",
  comments: "Optional. The UUID of the library whose webhooks these are (used when the step's Library is empty). Empty: the step's or connection's Library. A Duro Hub endpoint still on the older webhooks API needs it.",
});

export const events = (key: string, { required, defaults }: { required: boolean; defaults?: WebhookEvent[] }, comments: string) =>
  input({
    label: "Events",
    type: "string",
    collection: "valuelist",
    required,
    ...(defaults ? { default: defaults } : {}),
    model: eventChoices,
    clean: cleanEvents(key, { required }),
    example: "COMPONENT_UPDATED",
    comments: `${comments} Component events are delivered today; change order events are ${ANNOUNCED_NOTE}.`,
  });

export const timeoutSeconds = input({
  label: "Timeout (seconds)",
  type: "string",
  required: false,
  clean: cleanTimeoutSeconds("timeoutSeconds"),
  example: "30",
  comments: `How long Duro waits for your endpoint: ${WEBHOOK_LIMITS.timeoutSeconds.min}-${WEBHOOK_LIMITS.timeoutSeconds.max} seconds (Duro's default ${WEBHOOK_LIMITS.timeoutSeconds.default}).`,
});

export const maxRetries = input({
  label: "Max Retries",
  type: "string",
  required: false,
  clean: cleanMaxRetries("maxRetries"),
  example: "3",
  comments: `How often Duro retries a failed delivery: ${WEBHOOK_LIMITS.maxRetries.min}-${WEBHOOK_LIMITS.maxRetries.max} (Duro's default ${WEBHOOK_LIMITS.maxRetries.default}); waits double from 1 s to at most 5 min.`,
});

export const signingSecret = input({
  label: "Signing Secret",
  type: "password",
  required: false,
  clean: cleanSigningSecret("signingSecret"),
  placeholder: "At least 16 random characters",
  comments: `Optional. At least ${WEBHOOK_LIMITS.signingSecretMinLength} characters; Duro then signs every delivery (X-Webhook-Signature, HMAC-SHA256 of the raw body). Never logged or returned.`,
});

export const description = input({
  label: "Description",
  type: "string",
  required: false,
  clean: cleanDescription("description"),
  example: "Syncs component updates to our ERP system",
  comments: `Optional, at most ${WEBHOOK_LIMITS.descriptionLength} characters.`,
});

export const webhookName = input({
  label: "Name",
  type: "string",
  required: true,
  clean: cleanWebhookName("name"),
  example: "ERP Sync Webhook",
  comments: "A name unique among the library's webhooks, 1-100 characters.",
});

export const changedWebhookName = input({
  label: "Name",
  type: "string",
  required: false,
  clean: cleanOptionalWebhookName("name"),
  example: "ERP Sync Webhook",
  comments: "Optional. A new name, 1-100 characters.",
});

export const webhookUrl = input({
  label: "URL",
  type: "string",
  required: true,
  clean: cleanRequiredHttpsUrl("url"),
  example: "https://hooks.example.com/duro",
  comments: "The HTTPS endpoint Duro POSTs each event to.",
});

export const changedWebhookUrl = input({
  label: "URL",
  type: "string",
  required: false,
  clean: cleanHttpsUrl("url"),
  example: "https://hooks.example.com/duro",
  comments: "Optional. A new HTTPS endpoint.",
});

export const isEnabled = withDefault(
  input({
    label: "Enabled",
    type: "boolean",
    required: false,
    default: "true",
    clean: cleanBoolean("isEnabled"),
    example: "true",
    comments: "Start delivering right away (default), or create it paused.",
  }),
);

const ENABLED_CHANGES = ["unchanged", "enable", "disable"] as const;

export const enabledChange = choiceInput("enabled", ENABLED_CHANGES, {
  label: "Enable or Disable",
  labels: { unchanged: "Leave as is", enable: "Enable", disable: "Disable (pause deliveries)" },
  default: "unchanged",
  example: "disable",
  comments: "Disable pauses deliveries and keeps the webhook; Archive Webhook retires it for good.",
});

export const onlyThisInstance = withDefault(
  input({
    label: "Only This Instance's",
    type: "boolean",
    required: false,
    default: "false",
    clean: cleanBoolean("onlyThisInstance"),
    example: "true",
    comments: "Only the webhooks that deliver to one of this instance's flow URLs (for example those the Duro Hub Webhook trigger registered).",
  }),
);

export const duplicateWindowMinutes = withDefault(
  input({
    label: "Duplicate Window (minutes)",
    type: "string",
    required: false,
    default: "60",
    clean: cleanWholeNumber("duplicateWindowMinutes", 1, 10_080),
    example: "60",
    comments:
      "Duro may deliver an event more than once (retries). A delivery whose eventId was received within this many minutes takes the Duplicate branch. 1-10080; default 60 covers Duro's whole retry schedule (about 14 minutes). A signed delivery older than this window is refused as a possible replay.",
  }),
);
