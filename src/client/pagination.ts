import { countText, DuroError, MAX_SERVER_TEXT, quoted } from "./errors";

/** The largest page the connector asks Duro for. */
export const MAX_PAGE_SIZE = 100;

/**
 * The most pages one read follows, whatever Max Items allows: enough for the largest Max Items (1,000,000) at full
 * pages, and an end to a server that answers tiny pages forever.
 */
export const MAX_PAGES_PER_READ = 10_000;

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One entry of a list answer. Inside a list the answer check lets null through: the list's reader refuses it. */
export interface Edge<TNode> {
  /** Paging reads only pageInfo: Duro Hub's newest documents do not select a per-edge cursor. */
  cursor?: string;
  node: TNode | null;
}

export interface Connection<TNode> {
  totalCount?: number;
  edges: Array<Edge<TNode> | null>;
  pageInfo: PageInfo;
}

/** The list output every list action returns, so a Prismatic loop step can iterate `items`. */
export interface Page<TItem> {
  items: TItem[];
  pageInfo: PageInfo;
  totalCount?: number;
}

const emptyEntry = (index: number): never => {
  throw new DuroError("server", `Duro answered a list whose entry ${index + 1} is empty (no node), so it cannot be read. Try again; if it persists, report it to Duro support.`);
};

/** The nodes of a list's edges; an edge without a node is Duro's failure, said as such. */
export const nodesOf = <TNode>(edges: ReadonlyArray<Edge<TNode> | null>): TNode[] => edges.map((edge, index) => edge?.node ?? emptyEntry(index));

/** A list answer as the list output; one without edges or pageInfo is Duro's fault, said as such. */
export const toPage = <TNode>(connection: Connection<TNode>): Page<TNode> => {
  const { edges, pageInfo, totalCount } = connection ?? {};
  if (!Array.isArray(edges) || typeof pageInfo?.hasNextPage !== "boolean") {
    const missing = Array.isArray(edges) ? "pageInfo.hasNextPage" : "edges";
    throw new DuroError("server", `Duro answered a list without ${missing}, so it cannot be read or continued. Try again; if it persists, report it to Duro support.`);
  }
  if (edges.length === 0 && pageInfo.hasNextPage) {
    throw new DuroError(
      "server",
      "Duro answered a page with no items but said more follow (hasNextPage), so reading on could loop without end. Try again later; if it persists, report it to Duro support.",
    );
  }
  return {
    items: nodesOf(edges),
    pageInfo: { hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor ?? null },
    ...(totalCount === undefined ? {} : { totalCount }),
  };
};

/** The same page with each item as `view` makes it (e.g. Duro Hub's older shape read into the newest). */
export const mapPage = <TItem, TView>(page: Page<TItem>, view: (item: TItem) => TView): Page<TView> => ({ ...page, items: page.items.map(view) });

/** A list Duro returns whole (no cursor), in the same shape as a paged one; an empty entry is Duro's failure, as in nodesOf. */
export const wholeList = <TItem>(entries: ReadonlyArray<TItem | null>): Page<TItem> => ({
  items: entries.map((entry, index) => entry ?? emptyEntry(index)),
  pageInfo: { hasNextPage: false, endCursor: null },
  totalCount: entries.length,
});

/** Where a page starts and how big it is: the arguments every paged operation takes. */
export interface PageRequest {
  first: number;
  after?: string;
}

/** A list read page after page; `truncated` says the safety cap stopped it while Duro had more. */
export interface CollectedList<TItem> extends Page<TItem> {
  truncated: boolean;
}

interface CollectOptions {
  /** Stop after this many items. */
  maxItems: number;
  /** The largest page Duro allows: every request asks for this much, or what is left under the cap. */
  pageSize: number;
  /** Start after this cursor (a flow continuing an earlier list). */
  after?: string;
  /** Called after every page, so long reads show progress. */
  onPage?: (pages: number, items: number) => void;
}

/**
 * Checks each cursor Duro hands out before a read follows it: a missing or repeated one would loop, and past
 * MAX_PAGES_PER_READ the read stops. `progress` says what was read so far ("120 items were read").
 */
const cursorGuard = (after: string | undefined) => {
  const seen = new Set<string>(after === undefined ? [] : [after]);
  return (endCursor: string | null, pages: number, progress: string): string => {
    if (endCursor === null || seen.has(endCursor)) {
      throw new DuroError(
        "server",
        `Duro said there are more items after page ${pages} but ${endCursor === null ? "gave no cursor" : `repeated the cursor ${quoted(endCursor, MAX_SERVER_TEXT)}`}, so reading on would loop. ${progress}; turn off Fetch All and page with After Cursor, or report this to Duro support.`,
      );
    }
    if (pages >= MAX_PAGES_PER_READ) {
      throw new DuroError(
        "server",
        `Stopped after ${countText(pages)} pages (${progress}), the most one read follows, and Duro still said there are more. Continue in another step with After Cursor ${quoted(endCursor, MAX_SERVER_TEXT)}, or narrow the list (a filter, a search, a lower Max Items); if the list cannot be this long, report it to Duro support.`,
      );
    }
    seen.add(endCursor);
    return endCursor;
  };
};

interface PageWalk {
  /** Start after this cursor (a flow continuing an earlier list). */
  after?: string;
  /** The size of the next page to ask for; 0 ends the walk once the cursor to continue from has been checked. */
  first: () => number;
  /** What the caller has read so far ("120 items were read"), for the errors of the cursor guard. */
  progress: () => string;
}

/**
 * Duro's pages from `after` on, as an async iterator (as octokit's paginate-graphql reads pages): the walk ends when
 * Duro has no next page, and a caller that has enough simply stops. Before it follows a cursor, the cursor guard
 * checks it (a missing or repeated cursor, or a read past MAX_PAGES_PER_READ, is an error).
 */
export async function* pagesOf<TPage extends Page<unknown>>(fetchPage: (request: PageRequest) => Promise<TPage>, { after, first, progress }: PageWalk): AsyncGenerator<TPage, void> {
  const nextCursor = cursorGuard(after);
  let cursor = after;
  for (let pages = 1; ; pages += 1) {
    const page = await fetchPage({ first: first(), after: cursor });
    yield page;
    if (!page.pageInfo.hasNextPage) return;
    cursor = nextCursor(page.pageInfo.endCursor, pages, progress());
    if (first() <= 0) return;
  }
}

/**
 * Reads pages until Duro has no next page or the cap is reached. Only the items are kept, so memory grows with the
 * list, not with the pages. A page larger than what is left under the cap is cut: the list then continues from that
 * page's start (its cut items come again rather than never).
 */
export const collectPages = async <TItem>(
  fetchPage: (request: PageRequest) => Promise<Page<TItem>>,
  { maxItems, pageSize, after, onPage }: CollectOptions,
): Promise<CollectedList<TItem>> => {
  const items: TItem[] = [];
  let cursor = after;
  let pages = 0;
  let end: Page<TItem> = wholeList([]);
  const walk = pagesOf(fetchPage, { after, first: () => Math.min(pageSize, maxItems - items.length), progress: () => `${items.length} items were read` });
  for await (const page of walk) {
    pages += 1;
    const room = maxItems - items.length;
    // One item at a time: spreading a page of 100,000+ items into push() overflows the call stack.
    for (const item of page.items.length > room ? page.items.slice(0, room) : page.items) items.push(item);
    onPage?.(pages, items.length);
    if (page.items.length > room) {
      return { items, pageInfo: { hasNextPage: true, endCursor: cursor ?? null }, ...totalOf(page), truncated: true };
    }
    end = page;
    cursor = page.pageInfo.endCursor ?? undefined;
  }
  const { hasNextPage, endCursor } = end.pageInfo;
  return { items, pageInfo: { hasNextPage, endCursor }, ...totalOf(end), truncated: hasNextPage };
};

const totalOf = ({ totalCount }: Page<unknown>): { totalCount?: number } => (totalCount === undefined ? {} : { totalCount });

/** `items` cut into runs of at most `size`, in order: a long ID list becomes one request per page-sized run. */
export const chunked = <TItem>(items: readonly TItem[], size: number): TItem[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
