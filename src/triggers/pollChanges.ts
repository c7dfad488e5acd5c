import { pollingTrigger } from "@prismatic-io/spectral";
import { quoted } from "../client/errors";
import { stepClient } from "../client/stepClient";
import { componentSummary } from "../examplePayloads";
import { lookBackHours, maxChangesPerPoll, resource, settleSeconds, showNewRecords, showUpdatedRecords } from "../inputs/changes";
import { connectionInput, debugRequest, library } from "../inputs/shared";
import { CHANGED_RECORDS, ChangeResource } from "../operations/changes";
import { declareOperations } from "../operations/stepOperations";
import { ChangeCursor, changesSince, firstCursor } from "./changePolling";
import { EXAMPLE_INVOCATION } from "./exampleInvocation";

const HOUR_MS = 3_600_000;
// Duro's clock may run a little ahead of this one; a mark further ahead would hold every change back until then.
const CLOCK_SKEW_MS = 5 * 60_000;
// What this trigger saves: an ISO 8601 instant with a time zone. Epoch numbers and loose dates ("yesterday") are not.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** One changed record as a batched execution receives it, when the flow batches this trigger's output. */
export interface ChangedRecord {
  resource: ChangeResource;
  change: "created" | "updated";
  record: unknown;
}

/** The records of one poll as separate items: created first, then updated, each oldest first. */
const changedRecords = ({ resource, created, updated }: { resource: ChangeResource; created: unknown[]; updated: unknown[] }): ChangedRecord[] => [
  ...created.map((record) => ({ resource, change: "created" as const, record })),
  ...updated.map((record) => ({ resource, change: "updated" as const, record })),
];

const isInstant = (value: unknown): value is string => typeof value === "string" && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value));
const isIdList = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === "string");

/**
 * The saved cursor of one resource: none on the first poll, else the cursor, or what is wrong with it (a watermark
 * that is no instant, or lies in the future, would make every poll find nothing while reading the whole list).
 */
const savedCursor = (state: Record<string, unknown>, resource: ChangeResource, now: number): ChangeCursor | string | undefined => {
  const value = state[resource] as Record<string, unknown> | undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || !isInstant(value.watermark)) return `has a watermark that is not an ISO 8601 time (${quoted(typeof value === "object" ? value.watermark : value)})`;
  if (Date.parse(value.watermark) > now + CLOCK_SKEW_MS) return `has a watermark in the future (${value.watermark})`;
  if (!isIdList(value.idsAtWatermark)) return "has no list of the IDs delivered at its watermark";
  const start = firstCursor(value.watermark);
  // Older states lack the fields that tell new records apart: such a cursor counts only records created after its mark as new.
  return {
    ...start,
    idsAtWatermark: value.idsAtWatermark,
    origin: isInstant(value.origin) ? value.origin : start.origin,
    undeliveredNewIds: isIdList(value.undeliveredNewIds) ? value.undeliveredNewIds : [],
    previousWatermark: isInstant(value.previousWatermark) ? value.previousWatermark : start.previousWatermark,
    createdAtLastPoll: isIdList(value.createdAtLastPoll) ? value.createdAtLastPoll : [],
  };
};

const exampleComponent = {
  ...componentSummary,
  id: "cmp-00061",
  cpn: { displayValue: "100-00061" },
  name: "Sensor 61",
  description: "Sensor number 61 of the Acme robot arm",
  created: "2025-01-15T10:30:00.000Z",
  lastModified: "2025-01-15T10:30:00.000Z",
};

export const pollChanges = pollingTrigger({
  display: {
    label: "Poll for Changed Records",
    description:
      "On a schedule, returns the components (or change orders) created and updated since the last poll, in separate lists, each change exactly once: changes past the cap or made while a poll reads come on the next poll.",
  },
  inputs: {
    connection: connectionInput,
    resource,
    lookBackHours,
    maxChangesPerPoll,
    settleSeconds,
    showNewRecords,
    showUpdatedRecords,
    library,
    debugRequest,
  },
  // A flow may turn on batching: each execution then gets a slice of the poll's records (ChangedRecord items)
  // instead of the whole output.
  triggerResolverSupport: "valid",
  triggerResolver: {
    resolveItems: (_context, result) => changedRecords((result.payload.body as { data: { resource: ChangeResource; created: unknown[]; updated: unknown[] } }).data),
  },
  batchConfig: { batchSize: 100 },
  perform: async (context, payload, params) => {
    const resource = params.resource;
    const now = Date.now();
    const state = context.polling.getState();
    const saved = savedCursor(state, resource, now);
    if (typeof saved === "string") {
      context.logger.warn(`${resource}: the saved polling state ${saved}, so polling restarts from the look-back of ${params.lookBackHours} hours.`);
    }
    const cursor = typeof saved === "object" ? saved : firstCursor(new Date(now - params.lookBackHours * HOUR_MS).toISOString());
    const batch = await changesSince(stepClient(context, params), resource, cursor, {
      cap: params.maxChangesPerPoll,
      horizon: now - params.settleSeconds * 1000,
    });
    context.polling.setState({ ...state, [resource]: batch.cursor });
    const created = params.showNewRecords ? batch.created : [];
    const updated = params.showUpdatedRecords ? batch.updated : [];
    const skipped = [params.showNewRecords ? "" : `${batch.created.length} created`, params.showUpdatedRecords ? "" : `${batch.updated.length} updated`].filter(Boolean);
    context.logger.info(
      `${resource}: ${batch.created.length} created and ${batch.updated.length} updated since ${cursor.watermark}${skipped.length ? ` (${skipped.join(" and ")} not shown, as set)` : ""}; ${batch.pending} wait for the next poll.`,
    );
    return {
      payload: { ...payload, body: { data: { resource, since: cursor.watermark, created, updated, pending: batch.pending } } },
      polledNoChanges: created.length + updated.length === 0,
    };
  },
  examplePayload: {
    payload: {
      headers: {},
      queryParameters: {},
      rawBody: { data: null },
      body: {
        data: {
          resource: "components",
          since: "2025-01-15T09:30:00.000Z",
          created: [exampleComponent],
          updated: [{ ...exampleComponent, id: "cmp-00001", name: "Resistor 1", created: "2025-01-06T09:00:00.000Z" }],
          pending: 0,
        },
      },
      pathFragment: "",
      webhookUrls: {},
      webhookApiKeys: {},
      invokeUrl: "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjI=",
      executionId: "SW5zdGFuY2VFeGVjdXRpb25SZXN1bHQ6Mg==",
      ...EXAMPLE_INVOCATION,
      startedAt: "2025-01-15T10:31:00.000Z",
      globalDebug: false,
    },
    polledNoChanges: false,
  },
});

declareOperations(pollChanges, ...Object.values(CHANGED_RECORDS));
