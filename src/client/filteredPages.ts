// Lists Duro cannot filter (classic components and change orders): the connector reads Duro's pages at the largest
// size, keeps the items that match, and stops as soon as it has as many matches as were asked for. Asking Duro for
// "as many as are still missing" instead would send many small requests against its rate limit.
import { DuroError } from "./errors";
import { CollectedList, Connection, MAX_PAGE_SIZE, Page, PageRequest, toPage } from "./pagination";

/** One of Duro's pages after the connector's filter. */
export interface FilteredPage<TItem> extends Page<TItem> {
  /** The cursor of each match, so a read can stop right after any match and be continued from there. */
  matchCursors: string[];
  /** How many items Duro sent before the filter. */
  itemsRead: number;
}

/** Keeps the page's items that pass `keeps`, each with its cursor. */
export const filterPage = <TNode>(connection: Connection<TNode>, keeps: (node: TNode) => boolean): FilteredPage<TNode> => {
  const { pageInfo } = toPage(connection);
  const matches = connection.edges.filter((edge) => keeps(edge.node));
  return {
    items: matches.map((edge) => edge.node),
    pageInfo,
    matchCursors: matches.map((edge) => edge.cursor ?? missingCursor()),
    itemsRead: connection.edges.length,
  };
};

// A read that stops after a match continues from that match's own cursor, so a locally filtered list needs them.
const missingCursor = (): never => {
  throw new DuroError("server", "Duro answered a list without a cursor on each item, so a filtered read cannot stop and continue exactly. Try again; if it persists, report it to Duro support.");
};

export interface MatchOptions {
  /** Stop as soon as this many matches are found. */
  limit: number;
  /** Start after this cursor (a flow continuing an earlier list). */
  after?: string;
  /** Called after every page, so long reads show progress. */
  onPage?: (pages: number, matches: number) => void;
}

const unreadable = (reason: string, pages: number, matches: number): DuroError =>
  new DuroError(
    "server",
    `Duro ${reason} after page ${pages}, so reading on would loop or lose items. ${matches} matches were found; report this to Duro support.`,
  );

/**
 * Reads pages of MAX_PAGE_SIZE from `after` until `limit` matches are found or Duro has no next page. When it stops
 * inside a page, the cursor is that of the last match kept (the page's other matches come next); otherwise it is the
 * page's own, since the rest of that page did not match.
 */
export const collectMatches = async <TItem>(
  fetchPage: (request: PageRequest) => Promise<FilteredPage<TItem>>,
  { limit, after, onPage }: MatchOptions,
): Promise<CollectedList<TItem>> => {
  const items: TItem[] = [];
  const seenCursors = new Set<string>(after === undefined ? [] : [after]);
  let cursor = after;
  for (let pages = 1; ; pages += 1) {
    const page = await fetchPage({ first: MAX_PAGE_SIZE, after: cursor });
    const room = limit - items.length;
    for (const item of page.items.slice(0, room)) items.push(item);
    onPage?.(pages, items.length);
    if (page.items.length > room) {
      const lastKept = page.matchCursors[room - 1];
      if (!lastKept) throw unreadable("gave a matching item without its cursor", pages, items.length);
      return { items, pageInfo: { hasNextPage: true, endCursor: lastKept }, truncated: true };
    }
    const { hasNextPage, endCursor } = page.pageInfo;
    if (!hasNextPage || items.length === limit) return { items, pageInfo: { hasNextPage, endCursor }, truncated: hasNextPage };
    if (page.itemsRead === 0) throw unreadable("sent a page without items yet said more follow", pages, items.length);
    if (endCursor === null || seenCursors.has(endCursor)) {
      throw unreadable(endCursor === null ? "said there are more items but gave no cursor" : `repeated the cursor "${endCursor}"`, pages, items.length);
    }
    seenCursors.add(endCursor);
    cursor = endCursor;
  }
};
