import { ActionContext, input, trigger, TriggerPayload } from "@prismatic-io/spectral";
import { DuroError } from "../client/errors";
import { stepClient } from "../client/forAction";
import { cleanWholeNumber, connectionInput, debugRequest, library } from "../inputs";
import { LIVE_WEBHOOK_EVENTS, RegisteredWebhook, registerWebhook, retireWebhook, WEBHOOK_LIMITS } from "../operations/webhooks";
import { events } from "../webhookInputs";
import { EXAMPLE_INVOCATION } from "./exampleInvocation";
import { checkSignature, DuroWebhookEvent, parseEvent, rawBodyText, rememberEvent, textResponse } from "./webhookDelivery";

/** Instance state keys: the registered webhook (with its signing secret) and the event IDs seen lately. */
export const WEBHOOK_STATE_KEY = "duroWebhook";
export const RECENT_EVENTS_STATE_KEY = "duroWebhookRecentEvents";

export const BRANCHES = { component: "Component", changeOrder: "Change Order", duplicate: "Duplicate", rejected: "Rejected" } as const;

const registeredWebhook = (state: Record<string, unknown>): RegisteredWebhook | undefined => {
  const value = state[WEBHOOK_STATE_KEY];
  return typeof value === "object" && value !== null && typeof (value as RegisteredWebhook).id === "string" ? (value as RegisteredWebhook) : undefined;
};

/** This flow's own URL on this instance, where Duro must deliver. */
const flowWebhookUrl = (context: ActionContext): string | undefined => context.webhookUrls?.[context.flow.name];

/** Unique per instance and flow (Duro wants unique names), readable in Duro's list, within its 100 characters. */
const webhookName = (context: ActionContext): string => {
  const suffix = ` (Prismatic ${context.instance.id})`;
  return `${`${context.instance.name} / ${context.flow.name}`.slice(0, WEBHOOK_LIMITS.nameLength - suffix.length)}${suffix}`;
};

/** A delivery turned away: the caller gets `statusCode`, the flow takes the Rejected branch with only the reason. */
const rejection = (context: ActionContext, payload: TriggerPayload, statusCode: 400 | 401, reason: string) => {
  context.logger.warn(`Duro webhook delivery rejected with HTTP ${statusCode}: ${reason}.`);
  return {
    payload: { ...payload, body: { data: { rejected: true, statusCode, reason }, contentType: "application/json" } },
    response: textResponse(statusCode, statusCode === 401 ? "Invalid signature" : `Bad request: ${reason}`),
    branch: BRANCHES.rejected,
  };
};

/** In a simulated test run the body may come only parsed. */
const simulatedRawBody = (payload: TriggerPayload): string => {
  const body = payload.body?.data;
  return rawBodyText(payload) ?? (typeof body === "string" ? body : JSON.stringify(body ?? null));
};

const exampleEvent: DuroWebhookEvent = {
  event: "components.updated",
  eventType: "COMPONENT_UPDATED",
  family: "component",
  eventId: "550e8400-e29b-41d4-a716-446655440000",
  sourceId: "nats-msg-12345",
  timestamp: "2025-01-15T10:30:00.000Z",
  componentId: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
  revisionValue: "1.B",
  version: 2,
  metadata: { componentId: "f47ac10b-58cc-4372-a567-0e02b2c3d479", revisionValue: "1.B", version: 2 },
  duplicate: false,
};

const MINUTE_MS = 60_000;

export const webhook = trigger({
  display: {
    label: "Duro Hub Webhook",
    description:
      "Duro Hub: registers a signed Duro webhook for this flow on deploy (archived on delete), verifies every delivery's signature, and branches by event family; repeated deliveries take the Duplicate branch.",
  },
  inputs: {
    connection: connectionInput,
    events: events(
      "events",
      { required: true, defaults: [...LIVE_WEBHOOK_EVENTS] },
      "The events that start this flow (default: every component event). Changing them takes effect on the next deploy.",
    ),
    duplicateWindowMinutes: input({
      label: "Duplicate Window (minutes)",
      type: "string",
      required: false,
      default: "60",
      clean: cleanWholeNumber("duplicateWindowMinutes", 1, 10_080),
      example: "60",
      comments:
        "Duro may deliver an event more than once (retries). A delivery whose eventId was received within this many minutes takes the Duplicate branch. 1-10080; default 60 covers Duro's whole retry schedule (about 14 minutes).",
    }),
    library,
    debugRequest,
  },
  allowsBranching: true,
  staticBranchNames: Object.values(BRANCHES),
  scheduleSupport: "invalid",
  synchronousResponseSupport: "invalid",
  perform: async (context, payload, params) => {
    let rawBody: string;
    if (context.isSimulatedTestExecution) {
      context.logger.info("Simulated test execution: the X-Webhook-Signature check is skipped; a real delivery is always verified.");
      rawBody = simulatedRawBody(payload);
    } else {
      const signature = checkSignature(payload, registeredWebhook(context.instanceState)?.signingSecret);
      if (!signature.valid) return rejection(context, payload, 401, signature.reason);
      rawBody = signature.rawBody;
    }
    const parsed = parseEvent(rawBody);
    if (!parsed.valid) return rejection(context, payload, 400, parsed.reason);

    const { duplicate, recent } = rememberEvent(context.instanceState[RECENT_EVENTS_STATE_KEY], parsed.event.eventId, Date.now(), params.duplicateWindowMinutes * MINUTE_MS);
    const event: DuroWebhookEvent = { ...parsed.event, duplicate };
    if (duplicate) context.logger.info(`Duro event ${event.eventId} (${event.event}) was already received: Duplicate branch.`);
    return {
      payload: { ...payload, body: { data: event, contentType: "application/json" } },
      response: textResponse(200, "OK"),
      branch: duplicate ? BRANCHES.duplicate : BRANCHES[event.family],
      instanceState: { [RECENT_EVENTS_STATE_KEY]: recent },
    };
  },
  onInstanceDeploy: async (context, params) => {
    const url = flowWebhookUrl(context);
    if (!url) {
      throw new DuroError("invalid-input", `Prismatic gave no webhook URL for the flow "${context.flow.name}", so no Duro webhook can point at it. Use this trigger as a flow's trigger and deploy the instance again.`);
    }
    const registered = await registerWebhook(stepClient(context, params), {
      name: webhookName(context),
      description: `Prismatic instance ${context.instance.id}, flow ${context.flow.name}: delivers ${params.events.join(", ")}.`,
      url,
      events: params.events,
      previous: registeredWebhook(context.instanceState),
    });
    context.logger.info(`Duro webhook ${registered.id} now delivers ${params.events.join(", ")} to this flow, signed.`);
    return { instanceState: { [WEBHOOK_STATE_KEY]: registered } };
  },
  onInstanceDelete: async (context, params) => {
    const archived = await retireWebhook(stepClient(context, params), { url: flowWebhookUrl(context), previous: registeredWebhook(context.instanceState) });
    context.logger.info(archived.length ? `Archived Duro webhook ${archived.join(", ")}.` : "No Duro webhook pointed at this flow: nothing to archive.");
    return { instanceState: { [WEBHOOK_STATE_KEY]: null, [RECENT_EVENTS_STATE_KEY]: null } };
  },
  examplePayload: {
    payload: {
      headers: { "content-type": "application/json", "user-agent": "Duro-Webhook-Service/1.0", "x-webhook-signature": "3f1c…(64 hex characters)" },
      queryParameters: {},
      rawBody: { data: JSON.stringify({ event: exampleEvent.event, eventId: exampleEvent.eventId, sourceId: exampleEvent.sourceId, timestamp: exampleEvent.timestamp, metadata: exampleEvent.metadata }) },
      body: { data: exampleEvent, contentType: "application/json" },
      pathFragment: "",
      webhookUrls: { "Duro changes": "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjE=" },
      webhookApiKeys: {},
      invokeUrl: "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjE=",
      executionId: "SW5zdGFuY2VFeGVjdXRpb25SZXN1bHQ6MQ==",
      ...EXAMPLE_INVOCATION,
      startedAt: "2025-01-15T10:30:00.210Z",
      globalDebug: false,
    },
    response: textResponse(200, "OK"),
    branch: BRANCHES.component,
    instanceState: { [RECENT_EVENTS_STATE_KEY]: { [exampleEvent.eventId]: 1736937000210 } },
  },
});
