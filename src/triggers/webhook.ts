import { ActionContext, Connection, trigger, TriggerPayload } from "@prismatic-io/spectral";
import { DuroError, reworded } from "../client/errors";
import { stepClient } from "../client/stepClient";
import { resolveRequestPolicy } from "../connections/reliability";
import { connectionInput, debugRequest, library } from "../inputs/shared";
import { declareOperations } from "../operations/stepOperations";
import {
  ARCHIVE_WEBHOOK,
  CREATE_WEBHOOK,
  CURRENT_LIBRARY,
  GET_WEBHOOK,
  LIST_WEBHOOKS,
  LIVE_WEBHOOK_EVENTS,
  UPDATE_WEBHOOK,
  WEBHOOK_LIMITS,
} from "../operations/webhooks";
import { duplicateWindowMinutes, events } from "../inputs/webhooks";
import { EXAMPLE_INVOCATION } from "./exampleInvocation";
import { RegisteredWebhook, registerWebhook, retireWebhook } from "./webhookRegistration";
import { checkSignature, DuroWebhookEvent, parseEvent, rawBodyText, rememberEvent, staleness, textResponse } from "./webhookDelivery";

/** State keys: the registered webhook (with its signing secret, in cross-flow state) and the event IDs seen lately (instance state). */
const WEBHOOK_STATE_KEY = "duroWebhook";
export const RECENT_EVENTS_STATE_KEY = "duroWebhookRecentEvents";

/**
 * Where one flow's registered webhook is kept in the instance's cross-flow state. Prismatic's webhook lifecycle
 * handlers see only instance-wide state, not the flow's own, so each flow's entry is keyed by the flow's stable ID
 * (which survives renames and new integration versions).
 */
export const webhookStateKey = (flow: Pick<ActionContext["flow"], "stableId">): string => `${WEBHOOK_STATE_KEY}:${flow.stableId}`;

const BRANCHES = { component: "Component", changeOrder: "Change Order", duplicate: "Duplicate", rejected: "Rejected" } as const;

const registeredWebhook = (context: Pick<ActionContext, "crossFlowState" | "flow">): RegisteredWebhook | undefined => {
  const value = context.crossFlowState?.[webhookStateKey(context.flow)];
  return typeof value === "object" && value !== null && typeof (value as RegisteredWebhook).id === "string" ? (value as RegisteredWebhook) : undefined;
};

/** This flow's own URL on this instance, where Duro must deliver. */
const flowWebhookUrl = (context: ActionContext): string | undefined => context.webhookUrls?.[context.flow.name];

/** Unique per instance and flow (Duro wants unique names), readable in Duro's list, within its 100 characters. */
const webhookName = (context: ActionContext): string => {
  const suffix = ` (Prismatic ${context.instance.id})`;
  return `${`${context.instance.name} / ${context.flow.name}`.slice(0, WEBHOOK_LIMITS.nameLength - suffix.length)}${suffix}`;
};

/**
 * A delivery turned away: the caller gets `statusCode`, the flow takes the Rejected branch with only the reason — not
 * the unverified body, headers or query parameters the sender chose.
 */
const rejection = (context: ActionContext, payload: TriggerPayload, statusCode: 400 | 401, reason: string) => {
  context.logger.warn(`Duro webhook delivery rejected with HTTP ${statusCode}: ${reason}.`);
  return {
    payload: {
      ...payload,
      headers: {},
      queryParameters: {},
      rawBody: { data: null },
      body: { data: { rejected: true, statusCode, reason }, contentType: "application/json" },
    },
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

// Prismatic gives deploy-time code (the webhook lifecycle handlers) 30 s. Registering makes up to five requests, so
// each gets at most 5 s and one retry, and the whole registration at most 25 s: it always ends in time, with an error
// that says what happened rather than the platform's own time-out.
const DEPLOY_DEADLINE_MS = 25_000;
const DEPLOY_REQUEST_TIMEOUT_MS = 5_000;
const DEPLOY_MAX_ATTEMPTS = 2;

interface LifecycleParams {
  connection: Connection;
  debugRequest: boolean;
  library?: string;
}

/** The step client with the connection's limits shortened to fit in deploy time (never lengthened). */
const deployClient = (context: ActionContext, params: LifecycleParams) => {
  const { timeoutMs, retry } = resolveRequestPolicy(params.connection.fields);
  return stepClient(context, params, {
    timeoutMs: Math.min(timeoutMs, DEPLOY_REQUEST_TIMEOUT_MS),
    retry: { maxAttempts: Math.min(retry.maxAttempts, DEPLOY_MAX_ATTEMPTS), budgetMs: Math.min(retry.budgetMs, DEPLOY_REQUEST_TIMEOUT_MS * DEPLOY_MAX_ATTEMPTS) },
  });
};

const SLOW_KINDS = new Set(["timeout", "network", "server", "rate-limited"]);

/** `work` (registering or retiring the flow's webhook), ended with a clear error if Duro is too slow for deploy time. */
const withinDeployTime = async <T>(context: ActionContext, what: string, work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DuroError("timeout", `Duro did not answer within ${DEPLOY_DEADLINE_MS / 1000} s.`)), DEPLOY_DEADLINE_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (!(error instanceof DuroError) || !SLOW_KINDS.has(error.kind)) throw error;
    throw reworded(
      error,
      `${what} for the flow "${context.flow.name}" did not finish: ${error.message} Prismatic gives a deploy 30 s, so each request to Duro gets at most ${DEPLOY_REQUEST_TIMEOUT_MS / 1000} s and ${DEPLOY_MAX_ATTEMPTS} attempts. Deploy again when Duro answers; a webhook this attempt may have made is found by its URL and reused.`,
    );
  } finally {
    clearTimeout(timer);
  }
};

export const webhook = trigger({
  display: {
    label: "Duro Hub Webhook",
    description:
      "Duro Hub: registers a signed Duro webhook for this flow on deploy and in the designer's listening mode (archived on delete), verifies every delivery's signature, and branches by event family; repeated deliveries take the Duplicate branch.",
  },
  inputs: {
    connection: connectionInput,
    events: events(
      "events",
      { required: true, defaults: [...LIVE_WEBHOOK_EVENTS] },
      "The events that start this flow (default: every component event). Changing them takes effect on the next deploy.",
    ),
    duplicateWindowMinutes,
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
      context.logger.info("Simulated test execution: the X-Webhook-Signature check is skipped, and the timestamp check; a real delivery is always verified.");
      rawBody = simulatedRawBody(payload);
    } else {
      const signature = checkSignature(payload, registeredWebhook(context)?.signingSecret);
      if (!signature.valid) return rejection(context, payload, 401, signature.reason);
      rawBody = signature.rawBody;
    }
    const parsed = parseEvent(rawBody);
    if (!parsed.valid) return rejection(context, payload, 400, parsed.reason);
    const now = Date.now();
    const windowMs = params.duplicateWindowMinutes * MINUTE_MS;
    const stale = context.isSimulatedTestExecution ? undefined : staleness(parsed.event.timestamp, now, windowMs);
    if (stale) return rejection(context, payload, 400, stale);

    const { duplicate, recent } = rememberEvent(context.instanceState[RECENT_EVENTS_STATE_KEY], parsed.event.eventId, now, windowMs);
    const event: DuroWebhookEvent = { ...parsed.event, duplicate };
    if (duplicate) context.logger.info(`Duro event ${event.eventId} (${event.event}) was already received: Duplicate branch.`);
    return {
      payload: { ...payload, body: { data: event, contentType: "application/json" } },
      response: textResponse(200, "OK"),
      branch: duplicate ? BRANCHES.duplicate : BRANCHES[event.family],
      instanceState: { [RECENT_EVENTS_STATE_KEY]: recent },
    };
  },
  // Prismatic runs these on deploy and delete, and also when a designer turns on listening mode or runs a Test
  // Deploy in the integration designer, so a flow can be tested against real Duro deliveries.
  webhookLifecycleHandlers: {
    create: async (context, params) => {
      const url = flowWebhookUrl(context);
      if (!url) {
        throw new DuroError("invalid-input", `Prismatic gave no webhook URL for the flow "${context.flow.name}", so no Duro webhook can point at it. Use this trigger as a flow's trigger and deploy the instance again.`);
      }
      const registration = registerWebhook(deployClient(context, params), {
        name: webhookName(context),
        description: `Prismatic instance ${context.instance.id}, flow ${context.flow.name}: delivers ${params.events.join(", ")}.`,
        url,
        events: params.events,
        previous: registeredWebhook(context),
      });
      const registered = await withinDeployTime(context, "Registering the Duro webhook", registration);
      context.logger.info(`Duro webhook ${registered.id} now delivers ${params.events.join(", ")} to this flow, signed.`);
      return { crossFlowState: { [webhookStateKey(context.flow)]: registered } };
    },
    delete: async (context, params) => {
      const retirement = retireWebhook(deployClient(context, params), { url: flowWebhookUrl(context), previous: registeredWebhook(context) });
      const archived = await withinDeployTime(context, "Archiving the Duro webhook", retirement);
      context.logger.info(archived.length ? `Archived Duro webhook ${archived.join(", ")}.` : "No Duro webhook pointed at this flow: nothing to archive.");
      return { crossFlowState: { [webhookStateKey(context.flow)]: null }, instanceState: { [RECENT_EVENTS_STATE_KEY]: null } };
    },
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

// Deploy registers (or adopts) the webhook, delete archives it; a delivery itself sends nothing to Duro.
declareOperations(webhook, GET_WEBHOOK, UPDATE_WEBHOOK, CURRENT_LIBRARY, LIST_WEBHOOKS, CREATE_WEBHOOK, ARCHIVE_WEBHOOK);
