// Duro Hub webhooks (Duro's webhook guide): create, findAll, findOne, update, addEvents, removeEvents, archive,
// getLogs, and the steps the webhook actions and the trigger's registration share. Only Duro Hub has webhooks.
// In the newest shape (v2 migration guide) a webhook belongs to the x-library library: findAll takes no argument and
// create no libraryId. The older shape took `findAll(input: { libraryIds })` and a `libraryId` in create's input;
// its documents need the library's ID. ASSUMED: getLogs returns a list.
// No document here selects `signingSecret`: the secret goes to Duro and never comes back into a payload.
import { DuroClient } from "../client/duroClient";
import { DuroError, invalidInput } from "../client/errors";
import { Page, wholeList } from "../client/pagination";
import { dialectQuery, noVariables, Operation, perform } from "./dialects";
import { Library } from "./libraries";

export const LIVE_WEBHOOK_EVENTS = ["COMPONENT_CREATED", "COMPONENT_UPDATED", "COMPONENT_DELETED"] as const;
/** Duro announces these but does not deliver them yet: subscribing is allowed, nothing arrives. */
export const ANNOUNCED_WEBHOOK_EVENTS = [
  "CHANGE_ORDER_OPENED",
  "CHANGE_ORDER_UPDATED",
  "CHANGE_ORDER_DELETED",
  "CHANGE_ORDER_STAGE_TRANSITION",
  "CHANGE_ORDER_STAGE_REVIEWER_DECISION",
  "CHANGE_ORDER_RESOLUTION",
] as const;
export const WEBHOOK_EVENTS = [...LIVE_WEBHOOK_EVENTS, ...ANNOUNCED_WEBHOOK_EVENTS] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The `event` string a delivery carries for each subscription (Duro's event table). */
export const DELIVERED_EVENT_NAMES: Record<WebhookEvent, string> = {
  COMPONENT_CREATED: "components.created",
  COMPONENT_UPDATED: "components.updated",
  COMPONENT_DELETED: "components.deleted",
  CHANGE_ORDER_OPENED: "change_orders.opened",
  CHANGE_ORDER_UPDATED: "change_orders.updated",
  CHANGE_ORDER_DELETED: "change_orders.deleted",
  CHANGE_ORDER_STAGE_TRANSITION: "change_orders.stage_transition",
  CHANGE_ORDER_STAGE_REVIEWER_DECISION: "change_orders.stage_reviewer_decision",
  CHANGE_ORDER_RESOLUTION: "change_orders.resolution",
};

/** Duro's limits for a webhook. */
export const WEBHOOK_LIMITS = {
  nameLength: 100,
  descriptionLength: 500,
  signingSecretMinLength: 16,
  timeoutSeconds: { min: 5, max: 300, default: 30 },
  maxRetries: { min: 0, max: 10, default: 3 },
} as const;

export interface Webhook {
  id: string;
  name: string;
  description: string | null;
  url: string;
  events: WebhookEvent[];
  isEnabled: boolean;
  isArchived: boolean;
  timeoutSeconds: number;
  maxRetries: number;
  createdAt: string | null;
  updatedAt: string | null;
}

const WEBHOOK_FIELDS = /* GraphQL */ `
  fragment WebhookFields on Webhook {
    id
    name
    description
    url
    events
    isEnabled
    isArchived
    timeoutSeconds
    maxRetries
    createdAt
    updatedAt
  }
`;

/** A document of one `webhooks` call (`call`, with its arguments) answering with the webhook fields. */
const webhooksDocument = (signature: string, call: string): string => /* GraphQL */ `
  ${signature} {
    webhooks {
      ${call} { ...WebhookFields }
    }
  }
  ${WEBHOOK_FIELDS}
`;

/** What the webhook documents select only to pass on; `id` and `url` (how a deploy finds its webhook) are read. */
const WEBHOOK_PASS_THROUGH = ["name", "description", "events", "isEnabled", "isArchived", "timeoutSeconds", "maxRetries", "createdAt", "updatedAt"].map(
  (field) => `Webhook.${field}`,
);

/** Settings Duro has defaults for: where the endpoint's input lacks one, it is left out with a warning. */
const OPTIONAL_WEBHOOK_SETTINGS = { "input.description": "description", "input.timeoutSeconds": "timeoutSeconds", "input.maxRetries": "maxRetries" };

export interface WebhookLog {
  id: string;
  event: string;
  payload: unknown;
  status: "PENDING" | "DELIVERED" | "RETRYING" | "FAILED";
  responseCode: number | null;
  responseTimeMs: number | null;
  errorMessage: string | null;
  attemptCount: number;
  nextRetryAt: string | null;
  isAcknowledged: boolean | null;
  createdAt: string | null;
}

const webhookNotFound = (webhookId: string): DuroError =>
  new DuroError("not-found", `No webhook with ID "${webhookId}" in Duro Hub (archived webhooks are hidden too). Check the ID with the List Webhooks action.`);

export const CURRENT_LIBRARY: Operation<void, Library> = {
  name: "Current Library",
  documents: {
    hub: dialectQuery({
      document: /* GraphQL */ `
        query CurrentLibrary {
          library {
            current { id name }
          }
        }
      `,
      nullable: ["library.current"],
      variables: noVariables,
      result: (data: { library: { current: Library | null } }) => {
        if (!data.library.current) {
          throw new DuroError("missing-context", "Duro Hub did not resolve a library for this connection: fill the connection's Library field (or the step's Library input) with the library's slug path or UUID.");
        }
        return data.library.current;
      },
    }),
  },
};

interface NewWebhook {
  name: string;
  description?: string;
  url: string;
  events: WebhookEvent[];
  signingSecret?: string;
  timeoutSeconds?: number;
  maxRetries?: number;
  isEnabled?: boolean;
}

/** Which library's webhooks: the newest shape takes it from x-library (the step's or connection's Library); the older one by ID. */
interface WebhookLibrary {
  libraryId?: string;
}

/** The older shape names the library by ID in every list and creation. */
const legacyLibraryId = ({ libraryId }: WebhookLibrary): string => {
  if (libraryId === undefined) {
    throw invalidInput(
      "libraryId",
      "this Duro Hub endpoint has the older webhooks API, which needs the library's ID: fill Library ID (the Select Library picklist offers them).",
    );
  }
  return libraryId;
};

export const CREATE_WEBHOOK: Operation<NewWebhook & WebhookLibrary, Webhook> = {
  name: "Create Webhook",
  documents: {
    hub: [
      dialectQuery({
        document: webhooksDocument("mutation CreateWebhook($input: CreateWebhookInput!)", "create(input: $input)"),
        passThrough: WEBHOOK_PASS_THROUGH,
        optionalInputs: OPTIONAL_WEBHOOK_SETTINGS,
        // The library goes as the x-library header: the step's Library input, or Library ID (see the action).
        variables: ({ name, description, url, events, signingSecret, timeoutSeconds, maxRetries, isEnabled }) => ({
          input: { name, description, url, events, signingSecret, timeoutSeconds, maxRetries, isEnabled },
        }),
        result: (data: { webhooks: { create: Webhook } }) => data.webhooks.create,
      }),
      dialectQuery({
        document: webhooksDocument("mutation CreateWebhookLegacy($input: CreateWebhookInput!)", "create(input: $input)"),
        passThrough: WEBHOOK_PASS_THROUGH,
        optionalInputs: OPTIONAL_WEBHOOK_SETTINGS,
        variables: (webhook) => ({ input: { ...webhook, libraryId: legacyLibraryId(webhook) } }),
        result: (data: { webhooks: { create: Webhook } }) => data.webhooks.create,
      }),
    ],
  },
};

export const LIST_WEBHOOKS: Operation<WebhookLibrary, Page<Webhook>> = {
  name: "List Webhooks",
  documents: {
    hub: [
      dialectQuery({
        document: webhooksDocument("query ListWebhooks", "findAll"),
        passThrough: WEBHOOK_PASS_THROUGH,
        variables: noVariables,
        result: (data: { webhooks: { findAll: Array<Webhook | null> } }) => wholeList(data.webhooks.findAll),
      }),
      dialectQuery({
        document: webhooksDocument("query ListWebhooksLegacy($input: FindWebhooksInput!)", "findAll(input: $input)"),
        passThrough: WEBHOOK_PASS_THROUGH,
        variables: (library) => ({ input: { libraryIds: [legacyLibraryId(library)] } }),
        result: (data: { webhooks: { findAll: Array<Webhook | null> } }) => wholeList(data.webhooks.findAll),
      }),
    ],
  },
};

export const GET_WEBHOOK: Operation<{ webhookId: string }, Webhook> = {
  name: "Get Webhook",
  documents: {
    hub: dialectQuery({
      document: webhooksDocument("query GetWebhook($id: ID!)", "findOne(id: $id)"),
      passThrough: WEBHOOK_PASS_THROUGH,
      nullable: ["webhooks.findOne"],
      variables: ({ webhookId }) => ({ id: webhookId }),
      result: (data: { webhooks: { findOne: Webhook | null } }, { webhookId }) => {
        if (!data.webhooks.findOne) throw webhookNotFound(webhookId);
        return data.webhooks.findOne;
      },
    }),
  },
};

export type WebhookChanges = Partial<NewWebhook>;

export const UPDATE_WEBHOOK: Operation<{ webhookId: string; changes: WebhookChanges }, Webhook> = {
  name: "Update Webhook",
  documents: {
    hub: dialectQuery({
      document: webhooksDocument("mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!)", "update(id: $id, input: $input)"),
      passThrough: WEBHOOK_PASS_THROUGH,
      optionalInputs: OPTIONAL_WEBHOOK_SETTINGS,
      variables: ({ webhookId, changes }) => ({ id: webhookId, input: changes }),
      result: (data: { webhooks: { update: Webhook } }) => data.webhooks.update,
    }),
  },
};

interface WebhookEventsChange {
  webhookId: string;
  events: WebhookEvent[];
}

/** Add or Remove Webhook Events: one mutation each, alike but for the call. */
const eventsChange = (name: string, operationName: string, call: "addEvents" | "removeEvents"): Operation<WebhookEventsChange, Webhook> => ({
  name,
  documents: {
    hub: dialectQuery({
      document: webhooksDocument(`mutation ${operationName}($id: ID!, $input: WebhookEventsInput!)`, `${call}(id: $id, input: $input)`),
      passThrough: WEBHOOK_PASS_THROUGH,
      variables: ({ webhookId, events }: WebhookEventsChange) => ({ id: webhookId, input: { events } }),
      result: (data: { webhooks: Record<typeof call, Webhook> }) => data.webhooks[call],
    }),
  },
});

export const ADD_WEBHOOK_EVENTS = eventsChange("Add Webhook Events", "AddWebhookEvents", "addEvents");
export const REMOVE_WEBHOOK_EVENTS = eventsChange("Remove Webhook Events", "RemoveWebhookEvents", "removeEvents");

export const ARCHIVE_WEBHOOK: Operation<{ webhookId: string }, Webhook> = {
  name: "Archive Webhook",
  documents: {
    hub: dialectQuery({
      document: webhooksDocument("mutation ArchiveWebhook($id: ID!)", "archive(id: $id)"),
      passThrough: WEBHOOK_PASS_THROUGH,
      variables: ({ webhookId }) => ({ id: webhookId }),
      result: (data: { webhooks: { archive: Webhook } }) => data.webhooks.archive,
    }),
  },
};

export const GET_WEBHOOK_LOGS: Operation<{ webhookId: string }, Page<WebhookLog>> = {
  name: "Get Webhook Logs",
  documents: {
    hub: dialectQuery({
      document: /* GraphQL */ `
        query GetWebhookLogs($webhookId: String!) {
          webhooks {
            getLogs(webhookId: $webhookId) {
              id
              event
              payload
              status
              responseCode
              responseTimeMs
              errorMessage
              attemptCount
              nextRetryAt
              isAcknowledged
              createdAt
            }
          }
        }
      `,
      variables: ({ webhookId }) => ({ webhookId }),
      result: (data: { webhooks: { getLogs: Array<WebhookLog | null> } }) => wholeList(data.webhooks.getLogs),
    }),
  },
};

/**
 * Runs a webhook operation that the older shape scopes by library ID: where the endpoint has that shape and the step
 * gave no Library ID, the connection's library (the x-library header, read by its ID) is the one meant. The older
 * variant refuses before anything is sent, so nothing runs twice.
 */
const inLibrary = async <TArgs extends WebhookLibrary, TResult>(client: DuroClient, operation: Operation<TArgs, TResult>, args: TArgs): Promise<TResult> => {
  try {
    return await perform(client, operation, args);
  } catch (error) {
    if (args.libraryId !== undefined || !(error instanceof DuroError && error.input === "libraryId")) throw error;
    const library = await perform(client, CURRENT_LIBRARY, undefined);
    return perform(client, operation, { ...args, libraryId: library.id });
  }
};

export const createWebhookInLibrary = (client: DuroClient, webhook: NewWebhook & WebhookLibrary): Promise<Webhook> => inLibrary(client, CREATE_WEBHOOK, webhook);

/** The library's webhooks; with `onlyUrls`, only those delivering to one of them. */
export const listLibraryWebhooks = async (client: DuroClient, libraryId: string | undefined, onlyUrls?: readonly string[]): Promise<Page<Webhook>> => {
  const page = await inLibrary(client, LIST_WEBHOOKS, { libraryId });
  return onlyUrls ? wholeList(page.items.filter((webhook) => onlyUrls.includes(webhook.url))) : page;
};

/** Archives every webhook of the library that delivers to one of `urls`, one by one; returns them as archived. */
export const archiveWebhooksAt = async (client: DuroClient, urls: readonly string[]): Promise<Webhook[]> => {
  const archived: Webhook[] = [];
  if (urls.length === 0) return archived;
  for (const webhook of (await listLibraryWebhooks(client, undefined, urls)).items) archived.push(await perform(client, ARCHIVE_WEBHOOK, { webhookId: webhook.id }));
  return archived;
};

interface WebhookUpdate {
  webhookId: string;
  changes: WebhookChanges;
  addEvents: WebhookEvent[];
  removeEvents: WebhookEvent[];
}

/** Field changes, then events added, then events removed (each only when asked); the webhook as the last step left it. */
export const applyWebhookUpdate = async (client: DuroClient, { webhookId, changes, addEvents, removeEvents }: WebhookUpdate): Promise<Webhook> => {
  let webhook: Webhook | undefined;
  if (Object.keys(changes).length > 0) webhook = await perform(client, UPDATE_WEBHOOK, { webhookId, changes });
  if (addEvents.length > 0) webhook = await perform(client, ADD_WEBHOOK_EVENTS, { webhookId, events: addEvents });
  if (removeEvents.length > 0) webhook = await perform(client, REMOVE_WEBHOOK_EVENTS, { webhookId, events: removeEvents });
  return webhook ?? perform(client, GET_WEBHOOK, { webhookId });
};
