import { action, ActionContext } from "@prismatic-io/spectral";
import { StepInputs, stepClient } from "../client/stepClient";
import { connectionInput, debugRequest, library } from "../inputs/shared";
import {
  changedWebhookName,
  changedWebhookUrl,
  description,
  enabledChange,
  events,
  isEnabled,
  libraryId,
  maxRetries,
  onlyThisInstance,
  signingSecret,
  timeoutSeconds,
  webhookId,
  webhookName,
  webhookUrl,
} from "../inputs/webhooks";
import { perform } from "../operations/dialects";
import { declareOperations } from "../operations/stepOperations";
import {
  ADD_WEBHOOK_EVENTS,
  applyWebhookUpdate,
  ARCHIVE_WEBHOOK,
  archiveWebhooksAt,
  CREATE_WEBHOOK,
  createWebhookInLibrary,
  CURRENT_LIBRARY,
  GET_WEBHOOK,
  GET_WEBHOOK_LOGS,
  listLibraryWebhooks,
  LIST_WEBHOOKS,
  REMOVE_WEBHOOK_EVENTS,
  UPDATE_WEBHOOK,
  Webhook,
  WebhookChanges,
} from "../operations/webhooks";
import { OUTPUT_SCHEMAS } from "../outputSchemas";

const exampleWebhook: Webhook = {
  id: "3b2f1c4e-9a8d-4e7f-b6a5-0c1d2e3f4a5b",
  name: "ERP Sync Webhook",
  description: "Syncs component updates to our ERP system",
  url: "https://hooks.example.com/duro",
  events: ["COMPONENT_CREATED", "COMPONENT_UPDATED"],
  isEnabled: true,
  isArchived: false,
  timeoutSeconds: 30,
  maxRetries: 3,
  createdAt: "2025-01-15T10:30:00.000Z",
  updatedAt: "2025-01-15T10:30:00.000Z",
};

const HUB_ONLY = "Duro Hub only.";

/**
 * Duro Hub scopes webhooks by the x-library header (v2 dropped their libraryId arguments), so a Library ID given
 * without a step Library picks the library that way; an endpoint on the older API also gets it as an argument.
 */
const webhookLibraryClient = (context: Parameters<typeof stepClient>[0], params: StepInputs & { libraryId?: string }) =>
  stepClient(context, { ...params, library: params.library ?? params.libraryId });

/** Every webhook URL Prismatic gave this instance's flows: where a webhook "of this instance" delivers. */
const instanceWebhookUrls = (context: Pick<ActionContext, "webhookUrls">): string[] => Object.values(context.webhookUrls ?? {});

export const createWebhook = action({
  display: {
    label: "Create Webhook",
    description: `${HUB_ONLY} Register an HTTPS endpoint that Duro notifies when components (and, once Duro delivers them, change orders) change.`,
  },
  inputs: {
    connection: connectionInput,
    name: webhookName,
    url: webhookUrl,
    events: events("events", { required: true }, "The events to subscribe to."),
    description,
    signingSecret,
    timeoutSeconds,
    maxRetries,
    isEnabled,
    libraryId,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await createWebhookInLibrary(webhookLibraryClient(context, params), {
      libraryId: params.libraryId,
      name: params.name,
      url: params.url,
      events: params.events,
      description: params.description,
      signingSecret: params.signingSecret,
      timeoutSeconds: params.timeoutSeconds,
      maxRetries: params.maxRetries,
      isEnabled: params.isEnabled,
    }),
  }),
  examplePayload: { data: exampleWebhook },
});

export const listWebhooks = action({
  display: {
    label: "List Webhooks",
    description: `${HUB_ONLY} List a library's webhooks (archived ones are hidden by Duro), or only those delivering to this instance.`,
  },
  inputs: {
    connection: connectionInput,
    onlyThisInstance,
    libraryId,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await listLibraryWebhooks(webhookLibraryClient(context, params), params.libraryId, params.onlyThisInstance ? instanceWebhookUrls(context) : undefined),
  }),
  outputSchema: OUTPUT_SCHEMAS.webhookList,
  examplePayload: {
    data: { items: [exampleWebhook], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 1 },
  },
});

export const getWebhook = action({
  display: {
    label: "Get Webhook",
    description: `${HUB_ONLY} Get one webhook's settings (never its signing secret).`,
  },
  inputs: { connection: connectionInput, webhookId, debugRequest },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), GET_WEBHOOK, { webhookId: params.webhookId }),
  }),
  examplePayload: { data: exampleWebhook },
});

export const updateWebhook = action({
  display: {
    label: "Update Webhook",
    description: `${HUB_ONLY} Change a webhook: enable or disable it, add or remove events, or change its name, URL, secret, timeout or retries.`,
  },
  inputs: {
    connection: connectionInput,
    webhookId,
    enabled: enabledChange,
    addEvents: events("addEvents", { required: false }, "Optional. Events to subscribe to in addition to the current ones."),
    removeEvents: events("removeEvents", { required: false }, "Optional. Events to stop receiving (at least one must remain)."),
    name: changedWebhookName,
    url: changedWebhookUrl,
    description,
    signingSecret,
    timeoutSeconds,
    maxRetries,
    debugRequest,
  },
  perform: async (context, params) => {
    const changes: WebhookChanges = Object.fromEntries(
      Object.entries({
        name: params.name,
        url: params.url,
        description: params.description,
        signingSecret: params.signingSecret,
        timeoutSeconds: params.timeoutSeconds,
        maxRetries: params.maxRetries,
        isEnabled: params.enabled === "unchanged" ? undefined : params.enabled === "enable",
      }).filter(([, value]) => value !== undefined),
    );
    return {
      data: await applyWebhookUpdate(stepClient(context, params), {
        webhookId: params.webhookId,
        changes,
        addEvents: params.addEvents,
        removeEvents: params.removeEvents,
      }),
    };
  },
  examplePayload: { data: exampleWebhook },
});

export const archiveWebhook = action({
  display: {
    label: "Archive Webhook",
    description: `${HUB_ONLY} Retire a webhook for good: deliveries stop, it disappears from lists, and its name is free again. To pause instead, disable it with Update Webhook.`,
  },
  inputs: { connection: connectionInput, webhookId, debugRequest },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), ARCHIVE_WEBHOOK, { webhookId: params.webhookId }),
  }),
  examplePayload: { data: { ...exampleWebhook, isEnabled: false, isArchived: true } },
});

export const deleteInstanceWebhooks = action({
  display: {
    label: "Delete Instance Webhooks",
    description: `${HUB_ONLY} Archive every Duro webhook that delivers to one of this instance's flow URLs: a clean-up for an instance being retired, or for webhooks a lost deploy left behind.`,
  },
  inputs: { connection: connectionInput, library, debugRequest },
  perform: async (context, params) => ({
    data: { archived: await archiveWebhooksAt(stepClient(context, params), instanceWebhookUrls(context)) },
  }),
  examplePayload: { data: { archived: [{ ...exampleWebhook, url: "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjE=", isEnabled: false, isArchived: true }] } },
});

export const getWebhookLogs = action({
  display: {
    label: "Get Webhook Logs",
    description: `${HUB_ONLY} A webhook's deliveries: status (PENDING, DELIVERED, RETRYING, FAILED), response code, attempts and errors.`,
  },
  inputs: { connection: connectionInput, webhookId, debugRequest },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), GET_WEBHOOK_LOGS, { webhookId: params.webhookId }),
  }),
  examplePayload: {
    data: {
      items: [
        {
          id: "9c8b7a65-4321-4fed-8cba-987654321000",
          event: "components.updated",
          payload: {
            event: "components.updated",
            eventId: "550e8400-e29b-41d4-a716-446655440000",
            sourceId: "nats-msg-12345",
            timestamp: "2025-01-15T10:30:00.000Z",
            metadata: { componentId: "cmp-00001", revisionValue: "1.A", version: 1 },
          },
          status: "DELIVERED",
          responseCode: 200,
          responseTimeMs: 84,
          errorMessage: null,
          attemptCount: 1,
          nextRetryAt: null,
          isAcknowledged: true,
          createdAt: "2025-01-15T10:30:00.120Z",
        },
      ],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 1,
    },
  },
});

declareOperations(createWebhook, CURRENT_LIBRARY, CREATE_WEBHOOK);
declareOperations(listWebhooks, CURRENT_LIBRARY, LIST_WEBHOOKS);
declareOperations(getWebhook, GET_WEBHOOK);
declareOperations(updateWebhook, UPDATE_WEBHOOK, ADD_WEBHOOK_EVENTS, REMOVE_WEBHOOK_EVENTS, GET_WEBHOOK);
declareOperations(archiveWebhook, ARCHIVE_WEBHOOK);
declareOperations(deleteInstanceWebhooks, CURRENT_LIBRARY, LIST_WEBHOOKS, ARCHIVE_WEBHOOK);
declareOperations(getWebhookLogs, GET_WEBHOOK_LOGS);
