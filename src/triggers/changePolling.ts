// The change-polling algorithm of Poll for Changed Records: which records changed since the last poll, split into
// created and updated, and the cursor that makes polling lose nothing and repeat nothing.
import { DuroClient } from "../client/duroClient";
import { MAX_PAGE_SIZE, pagesOf } from "../client/pagination";
import { CHANGED_RECORDS, ChangeResource, TimestampedRecord } from "../operations/changes";
import { perform } from "../operations/dialects";

/**
 * Where the last poll stopped: every change up to `watermark` is delivered, and of the changes at exactly
 * `watermark` those of `idsAtWatermark` (so equal timestamps are neither lost nor repeated). The rest says which
 * records are new: created after `origin` (the first poll's look-back start) and never delivered yet.
 */
export interface ChangeCursor {
  watermark: string;
  idsAtWatermark: string[];
  origin: string;
  /** New records the mark passed without delivering them (held back by the cap or the settle time). */
  undeliveredNewIds: string[];
  /** The mark before the last poll moved it, and the records that poll delivered as created since that mark. */
  previousWatermark: string;
  createdAtLastPoll: string[];
}

/** The cursor of a trigger's first poll: everything since `since` is a change, and records created after it are new. */
export const firstCursor = (since: string): ChangeCursor => ({
  watermark: since,
  idsAtWatermark: [],
  origin: since,
  undeliveredNewIds: [],
  previousWatermark: since,
  createdAtLastPoll: [],
});

interface ChangeBatch<TRecord> {
  created: TRecord[];
  updated: TRecord[];
  /** Changes already known to wait for the next poll (past the cap, or too recent to be sure of). */
  pending: number;
  cursor: ChangeCursor;
}

interface ChangeOptions {
  /** Deliver at most this many changes; the rest come on the next poll. */
  cap: number;
  /** Changes at or after this moment wait for the next poll: one made while this poll reads may be half seen. */
  horizon: number;
}

// Reading stops at the first record older than the cursor (classic lists newest first); this bounds a runaway list.
const MAX_READ = 1_000_000;
// The cursor's ID lists stay this short, so the trigger's state stays small; past it a new record may come as updated.
const MAX_CURSOR_IDS = 1_000;

const time = (iso: string | null): number => (iso === null ? Number.NaN : Date.parse(iso));

/**
 * The changes after `cursor`, oldest first, at most `cap` of them, split into created and updated, with the cursor
 * for the next poll. A record modified twice between polls comes once, as it is now. A record's first delivery is
 * in `created` when it was created after the cursor's origin, even if the mark passed its creation first.
 */
export const changesSince = async (
  client: DuroClient,
  resource: ChangeResource,
  cursor: ChangeCursor,
  { cap, horizon }: ChangeOptions,
): Promise<ChangeBatch<unknown>> => {
  const since = time(cursor.watermark);
  const seenAtSince = new Set(cursor.idsAtWatermark);
  const read: TimestampedRecord<unknown>[] = [];
  const pages = pagesOf((request) => perform(client, CHANGED_RECORDS[resource], { since: cursor.watermark, ...request }), {
    first: () => Math.min(MAX_PAGE_SIZE, MAX_READ - read.length),
    progress: () => `${read.length} items were read`,
  });
  for await (const page of pages) {
    const room = MAX_READ - read.length;
    for (const item of page.items.slice(0, room)) read.push(item);
    if (page.items.length > room || page.items.some((item) => time(item.modifiedAt) < since)) break;
  }

  // A record read twice (the list shifted while paging) counts once, as its latest version.
  const latest = new Map<string, TimestampedRecord<unknown>>();
  for (const item of read) {
    const known = latest.get(item.id);
    if (!known || time(item.modifiedAt) > time(known.modifiedAt)) latest.set(item.id, item);
  }
  const isNew = (item: TimestampedRecord<unknown>) => {
    const at = time(item.modifiedAt);
    return at > since || (at === since && !seenAtSince.has(item.id));
  };
  const changes = [...latest.values()]
    .filter((item) => !Number.isNaN(time(item.modifiedAt)) && isNew(item))
    .sort((a, b) => time(a.modifiedAt) - time(b.modifiedAt) || a.id.localeCompare(b.id));
  const settled = changes.filter((item) => time(item.modifiedAt) < horizon);
  const delivered = settled.slice(0, cap);
  if (delivered.length === 0) return { created: [], updated: [], pending: changes.length, cursor };

  const last = delivered[delivered.length - 1].modifiedAt as string;
  const lastTime = time(last);
  const idsAtLast = delivered.filter((item) => time(item.modifiedAt) === lastTime).map((item) => item.id);
  const [origin, previous] = [time(cursor.origin), time(cursor.previousWatermark)];
  const undelivered = new Set(cursor.undeliveredNewIds);
  const createdLastPoll = new Set(cursor.createdAtLastPoll);
  // Created after the mark: no earlier poll can have delivered it.
  const createdSinceMark = (item: TimestampedRecord<unknown>) => {
    const created = time(item.createdAt);
    return created > since || (created === since && !seenAtSince.has(item.id));
  };
  const isFirstDelivery = (item: TimestampedRecord<unknown>) => {
    const created = time(item.createdAt);
    if (!(created > origin)) return false;
    // Else: passed by the mark while held back (cap, settle time), or created within the last poll's span yet not
    // delivered by it (it changed while that poll read the list, so that poll never saw it).
    return createdSinceMark(item) || undelivered.has(item.id) || (created > previous && !createdLastPoll.has(item.id));
  };
  const created = delivered.filter(isFirstDelivery);
  const createdSet = new Set(created);
  const deliveredIds = new Set(delivered.map((item) => item.id));
  const seenIds = new Set(changes.map((item) => item.id));
  // New records the next mark passes without delivering them: seen and held back now, or held back before and not seen now.
  const stillNew = [
    ...changes.filter((item) => !deliveredIds.has(item.id) && time(item.createdAt) <= lastTime && isFirstDelivery(item)).map((item) => item.id),
    ...cursor.undeliveredNewIds.filter((id) => !seenIds.has(id)),
  ];
  const createdNow = created.filter(createdSinceMark).map((item) => item.id);
  // Too many to remember: the next poll's span starts at the new mark instead (nothing is then created twice).
  const remembered = createdNow.length <= MAX_CURSOR_IDS;
  return {
    created: created.map((item) => item.record),
    updated: delivered.filter((item) => !createdSet.has(item)).map((item) => item.record),
    pending: changes.length - delivered.length,
    cursor: {
      watermark: last,
      idsAtWatermark: lastTime === since ? [...seenAtSince, ...idsAtLast] : idsAtLast,
      origin: cursor.origin,
      undeliveredNewIds: stillNew.slice(0, MAX_CURSOR_IDS),
      previousWatermark: remembered ? cursor.watermark : last,
      createdAtLastPoll: remembered ? createdNow : [],
    },
  };
};
