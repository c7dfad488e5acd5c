import { DuroClient, Variables } from "../client/duroClient";
import { CollectedList, collectPages, MAX_PAGE_SIZE, Page, PageRequest } from "../client/pagination";
import { DuroError, invalidInput } from "../client/errors";
import { Dialect } from "../connections/endpoint";

/** How one dialect does one operation: the document, the variables it takes, and how to read its answer. */
export interface DialectQuery<TArgs, TResult> {
  document: string;
  variables: (args: TArgs) => Variables;
  result: (data: unknown, args: TArgs) => TResult;
}

/**
 * One operation in every dialect that offers it; a dialect without an entry does not offer it. A dialect may give
 * several variants of the operation, newest API shape first, whose results all have the same (newest) shape.
 */
export interface Operation<TArgs, TResult> {
  name: string;
  documents: Partial<Record<Dialect, DialectQuery<TArgs, TResult> | Array<DialectQuery<TArgs, TResult>>>>;
}

/** Types one dialect's answer: `TData` is what its document returns. */
export const dialectQuery = <TData, TArgs, TResult>(query: {
  document: string;
  variables: (args: TArgs) => Variables;
  result: (data: TData, args: TArgs) => TResult;
}): DialectQuery<TArgs, TResult> => query as DialectQuery<TArgs, TResult>;

export const noVariables = (): Variables => ({});

const DIALECT_NAMES: Record<Dialect, string> = {
  classic: "the classic Duro API (Main/MFG, ITAR, EU)",
  v2: "Duro Hub (API v2)",
};

/** Runs an operation in the connection's dialect; where the dialect lacks it, says so before any request. */
export const perform = async <TArgs, TResult>(client: DuroClient, { name, documents }: Operation<TArgs, TResult>, args: TArgs): Promise<TResult> => {
  const [query] = [documents[client.dialect]].flat();
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

/** A list operation: one page as asked, or with `fetchAll` every page up to `maxItems`, read at the largest page size. */
export const performList = async <TArgs extends PageRequest, TItem>(
  client: DuroClient,
  operation: Operation<TArgs, Page<TItem>>,
  args: TArgs,
  { fetchAll, maxItems }: ListOptions,
): Promise<CollectedList<TItem>> => {
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
