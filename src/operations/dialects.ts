import { DuroClient, Variables } from "../client/duroClient";
import { collectMatches, filterPage, FilteredPage } from "../client/filteredPages";
import { CollectedList, collectPages, Connection, MAX_PAGE_SIZE, Page, PageRequest, toPage } from "../client/pagination";
import { DuroError, invalidInput } from "../client/errors";
import { Dialect } from "../connections/endpoint";

/** How one dialect does one operation: the document, the variables it takes, and how to read its answer. */
export interface DialectQuery<TArgs, TResult> {
  document: string;
  variables: (args: TArgs) => Variables;
  result: (data: unknown, args: TArgs) => TResult;
  /** Set on a list this dialect cannot filter: whether these args ask the connector to filter it (locallyFilteredList). */
  filtersLocally?: (args: TArgs) => boolean;
}

/** One operation in every dialect that offers it; a dialect without an entry does not offer it. */
export interface Operation<TArgs, TResult> {
  name: string;
  documents: Partial<Record<Dialect, DialectQuery<TArgs, TResult>>>;
}

/** Types one dialect's answer: `TData` is what its document returns. */
export const dialectQuery = <TData, TArgs, TResult>(query: {
  document: string;
  variables: (args: TArgs) => Variables;
  result: (data: TData, args: TArgs) => TResult;
}): DialectQuery<TArgs, TResult> => query as DialectQuery<TArgs, TResult>;

/**
 * A list this dialect cannot filter: `keeps` gives the connector's test for the args (undefined when they ask for no
 * filter), and performList then reads Duro's pages whole, at the largest size, and cuts the matches to what was asked.
 */
export const locallyFilteredList = <TData, TArgs extends PageRequest, TItem>(query: {
  document: string;
  variables: (args: TArgs) => Variables;
  connection: (data: TData) => Connection<TItem>;
  keeps: (args: NoInfer<TArgs>) => ((item: TItem) => boolean) | undefined;
}): DialectQuery<TArgs, Page<TItem>> => ({
  document: query.document,
  variables: query.variables,
  result: (data, args) => {
    const keeps = query.keeps(args);
    return keeps ? filterPage(query.connection(data as TData), keeps) : toPage(query.connection(data as TData));
  },
  filtersLocally: (args) => query.keeps(args) !== undefined,
});

export const noVariables = (): Variables => ({});

const DIALECT_NAMES: Record<Dialect, string> = {
  classic: "the classic Duro API (Main/MFG, ITAR, EU)",
  v2: "Duro Hub (API v2)",
};

/** Runs an operation in the connection's dialect; where the dialect lacks it, says so before any request. */
export const perform = async <TArgs, TResult>(client: DuroClient, { name, documents }: Operation<TArgs, TResult>, args: TArgs): Promise<TResult> => {
  const query = documents[client.dialect];
  if (query === undefined) {
    const elsewhere = (Object.keys(documents) as Dialect[]).map((dialect) => DIALECT_NAMES[dialect]).join(" and ");
    throw invalidInput(
      "duroEnvironment",
      `${name} is not available on ${DIALECT_NAMES[client.dialect]} (Duro documents it for ${elsewhere} only). Use the Raw Request action with a query for this environment, or a connection to another Duro Environment.`,
    );
  }
  const data = await client.request<unknown>(query.document, query.variables(args));
  try {
    return query.result(data, args);
  } catch (error) {
    if (error instanceof DuroError) throw error;
    // A field the document asks for came back missing or null: Duro's answer, not the flow, is wrong.
    throw new DuroError("server", `Duro's answer to ${name} lacks what the connector reads (${(error as Error).message}). Run the same query with Raw Request to see the answer; if it persists, report it to Duro support.`, { cause: error });
  }
};

export interface ListOptions {
  fetchAll: boolean;
  maxItems: number;
}

// Long reads log progress every this many pages, so a 50,000-item read shows it is alive without flooding the log.
const PROGRESS_EVERY_PAGES = 10;

/**
 * A list operation: one page as asked, or with `fetchAll` every page up to `maxItems`, read at the largest page size.
 * A list the dialect filters locally is read at the largest page size either way, until First N Items (with
 * `fetchAll`, Max Items) matches are found.
 */
export const performList = async <TArgs extends PageRequest, TItem>(
  client: DuroClient,
  operation: Operation<TArgs, Page<TItem>>,
  args: TArgs,
  { fetchAll, maxItems }: ListOptions,
): Promise<CollectedList<TItem>> => {
  if (operation.documents[client.dialect]?.filtersLocally?.(args)) {
    // Only locallyFilteredList sets filtersLocally, and its pages are FilteredPages when it filters.
    const read = (request: PageRequest) => perform(client, operation, { ...args, ...request }) as Promise<FilteredPage<TItem>>;
    const matches = await collectMatches(read, {
      limit: fetchAll ? maxItems : args.first,
      after: args.after,
      onPage: (pages, found) => {
        if (pages % PROGRESS_EVERY_PAGES === 0) client.progress(`${operation.name}: ${pages} pages read, ${found} matches so far`);
      },
    });
    return fetchAll ? matches : { ...matches, truncated: false };
  }
  if (!fetchAll) return { ...(await perform(client, operation, args)), truncated: false };
  return collectPages((request) => perform(client, operation, { ...args, ...request }), {
    maxItems,
    pageSize: MAX_PAGE_SIZE,
    after: args.after,
    onPage: (pages, items) => {
      if (pages % PROGRESS_EVERY_PAGES === 0) client.progress(`${operation.name}: ${items} items read in ${pages} pages so far`);
    },
  });
};
