// Lists Duro cannot filter (classic components and change orders): the connector reads Duro's pages at the largest
// size, keeps the items that match, and stops as soon as it has as many matches as were asked for. Asking Duro for
// "as many as are still missing" instead would send many small requests against its rate limit.
import { DuroError } from "./errors";
import { CollectedList, Connection, MAX_PAGE_SIZE, Page, PageRequest, pagesOf, toPage } from "./pagination";

/** One of Duro's pages after the connector's filter. */
export interface FilteredPage<TItem> extends Page<TItem> {
  /** The cursor of each match, so a read can stop right after any match and be continued from there. */
  matchCursors: Array<string | undefined>;
}

/** Keeps the page's items that pass `keeps`, each with its cursor. */
export const filterPage = <TNode>(connection: Connection<TNode>, keeps: (node: TNode) => boolean): FilteredPage<TNode> => {
  const { items, pageInfo } = toPage(connection);
  const matches = items.flatMap((item, index) => (keeps(item) ? [index] : []));
  return {
    items: matches.map((index) => items[index]),
    pageInfo,
    matchCursors: matches.map((index) => connection.edges[index]?.cursor),
  };
};

interface MatchOptions {
  /** Stop as soon as this many matches are found. */
  limit: number;
  /** Start after this cursor (a flow continuing an earlier list). */
  after?: string;
  /** Called after every page, so long reads show progress. */
  onPage?: (pages: number, matches: number) => void;
}


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
  let pages = 0;
  let endCursor: string | null = null;
  for await (const page of pagesOf(fetchPage, { after, first: () => MAX_PAGE_SIZE, progress: () => `${items.length} matches were found` })) {
    pages += 1;
    const room = limit - items.length;
    for (const item of page.items.slice(0, room)) items.push(item);
    onPage?.(pages, items.length);
    if (page.items.length > room) {
      const lastKept = page.matchCursors[room - 1];
      if (!lastKept) {
        throw new DuroError(
          "server",
          `Duro gave a matching item without its cursor on page ${pages}, so the read cannot stop after it and be continued. ${items.length} matches were found; report this to Duro support.`,
        );
      }
      return { items, pageInfo: { hasNextPage: true, endCursor: lastKept }, truncated: true };
    }
    ({ endCursor } = page.pageInfo);
    if (page.pageInfo.hasNextPage && items.length === limit) return { items, pageInfo: { hasNextPage: true, endCursor }, truncated: true };
  }
  return { items, pageInfo: { hasNextPage: false, endCursor }, truncated: false };
};
