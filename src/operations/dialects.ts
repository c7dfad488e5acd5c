import { DuroClient, Variables } from "../client/duroClient";
import { collectMatches, filterPage, FilteredPage } from "../client/filteredPages";
import { CollectedList, collectPages, Connection, MAX_PAGE_SIZE, Page, PageRequest, toPage } from "../client/pagination";
import { AnswerFlaw, answerFlaw } from "../client/answerShape";
import { documentFacts } from "../client/documentFacts";
import { DuroError, invalidInput, MAX_SERVER_TEXT, shownText } from "../client/errors";
import { isValidationFailure, knownLiveSchema, readLiveSchema } from "../client/liveSchema";
import { Dialect } from "../connections/endpoint";
import { Attempt, liveAttempt, staticAttempt, variantsOf } from "./variants";

export { variantsOf };

/**
 * How one dialect does one operation: the document, the variables it takes, and how to read its answer. `nullable`
 * tells the answer check where null is an answer; `passThrough` and `optionalInputs` tell the live schema (see
 * variants.ts) what it may leave out when the endpoint lacks it.
 */
export interface DialectQuery<TArgs, TResult> {
  document: string;
  variables: (args: TArgs) => Variables;
  /**
   * Reads the answer, typed by its own query (see dialectQuery). perform calls it only with an answer that has the
   * shape `document` selects (src/client/answerShape.ts): every selected field there, objects where it selects
   * subfields; null only at or below a declared `nullable` path, or inside a list, where its type must allow it.
   */
  result: (data: never, args: TArgs) => TResult;
  /**
   * Where null in the envelope is an answer, not Duro's failure: the dotted paths of fields with subfields, as the
   * answer names them (e.g. "component.findOne" when the lookup finds nothing). Below them, null is data (a record's
   * own fields), which the reader must allow for where it reads further.
   */
  nullable?: readonly string[];
  /**
   * Fields the document selects only to pass them on, as `Type.field` with the type named as the endpoint's schema
   * names it (e.g. "Component.specs"), or `*.field` on whatever type holds it (e.g. a list's "*.totalCount", whose
   * type Duro does not name). Where the endpoint's type lacks one, or has it in another form (a scalar where the
   * document selects subfields, or the reverse), it is left out of the document (a debug note says so) and the
   * output lacks it. Never an ID, `pageInfo`, or anything `result` reads: those choose the variant, or fail the step.
   */
  passThrough?: readonly string[];
  /**
   * Optional step inputs sent inside a variable's input object: the path from the variable name to the field
   * ("input.type") → the step input's key ("type"). Where the endpoint's input type has no such field, the value is
   * left out with a warning in the step log rather than failing the step.
   */
  optionalInputs?: Readonly<Record<string, string>>;
  /** Set on a list this dialect cannot filter: whether these args ask the connector to filter it (locallyFilteredList). */
  filtersLocally?: (args: TArgs) => boolean;
}

/** One dialect's document, or several variants of it newest first (all read into the same output shape). */
export type DialectQueries<TArgs, TResult> = DialectQuery<TArgs, TResult> | ReadonlyArray<DialectQuery<TArgs, TResult>>;

/** One operation in every dialect that offers it; a dialect without an entry does not offer it. */
export interface Operation<TArgs, TResult> {
  name: string;
  documents: Partial<Record<Dialect, DialectQueries<TArgs, TResult>>>;
}

/**
 * Types one dialect's answer: `TData` is what its document returns as the answer check lets it through — every
 * selected field present, objects where the document selects subfields, null only inside a list, below a `nullable`
 * path, or at one.
 */
export const dialectQuery = <TData, TArgs, TResult>(
  query: Omit<DialectQuery<TArgs, TResult>, "result" | "filtersLocally"> & { result: (data: TData, args: TArgs) => TResult },
): DialectQuery<TArgs, TResult> => query;

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
    return keeps ? filterPage(query.connection(data), keeps) : toPage(query.connection(data));
  },
  filtersLocally: (args) => query.keeps(args) !== undefined,
});

export const noVariables = (): Variables => ({});

/** A create mutation that answered without its record: it may or may not have happened, so say to check first. */
export const createdOrFail =
  (operation: string, record: string) =>
  <T>(created: T | null): T => {
    if (!created) {
      throw new DuroError("server", `Duro answered ${operation} without the ${record}. Check in Duro whether it was created before trying again.`);
    }
    return created;
  };

const DIALECT_NAMES: Record<Dialect, string> = {
  classic: "the classic Duro API (Main/MFG, ITAR, EU)",
  hub: "Duro Hub (API v2)",
};

/** Why an operation cannot run in a dialect that has no document for it, or undefined when it has one. */
export const unavailableReason = ({ name, documents }: Operation<never, unknown>, dialect: Dialect): string | undefined => {
  if (documents[dialect] !== undefined) return undefined;
  const elsewhere = (Object.keys(documents) as Dialect[]).map((other) => DIALECT_NAMES[other]).join(" and ");
  return `${name} is not available on ${DIALECT_NAMES[dialect]} (Duro documents it for ${elsewhere} only).`;
};

const takes = <TArgs>(query: DialectQuery<TArgs, unknown>, args: TArgs): boolean => {
  try {
    query.variables(args);
    return true;
  } catch {
    return false;
  }
};

/**
 * What to send first: the variant the endpoint's schema is known to accept, else the newest. When the newest variant
 * refuses a step input that an older one takes (e.g. a change order type), the endpoint's schema decides between
 * them (one schema read): the step fails only if the variant the endpoint accepts refuses it too. An input every
 * variant refuses fails before any request.
 */
const firstAttempt = async <TArgs, TResult>(client: DuroClient, name: string, queries: DialectQueries<TArgs, TResult>, args: TArgs): Promise<Attempt<TArgs, TResult>> => {
  const known = knownLiveSchema(client);
  if (known?.status === "introspected") return liveAttempt(client, name, queries, known.schema, args);
  try {
    return staticAttempt(queries, args);
  } catch (error) {
    if (known !== undefined || !(error instanceof DuroError && error.kind === "invalid-input") || !variantsOf(queries).some((query) => takes(query, args))) throw error;
    const live = await readLiveSchema(client);
    if (live.status !== "introspected") throw error;
    return liveAttempt(client, name, queries, live.schema, args);
  }
};

/**
 * Runs an operation in the connection's dialect; where the dialect lacks it, says so before any request. Sends the
 * newest variant, or the one the endpoint's schema is known to accept. When Duro rejects the document as invalid
 * (nothing ran, so sending again is safe even for a mutation), reads the endpoint's schema once and sends the variant
 * it accepts; when none fits, fails naming what the endpoint lacks.
 */
export const perform = async <TArgs, TResult>(client: DuroClient, operation: Operation<TArgs, TResult>, args: TArgs): Promise<TResult> => {
  const queries = operation.documents[client.dialect];
  if (queries === undefined) {
    throw invalidInput(
      "duroEnvironment",
      `${unavailableReason(operation as Operation<never, unknown>, client.dialect)} Use the Raw Request action with a query for this environment, or a connection to another Duro Environment.`,
    );
  }
  let attempt = await firstAttempt(client, operation.name, queries, args);
  let data: unknown;
  try {
    data = await client.request<unknown>(attempt.document, attempt.variables);
  } catch (error) {
    if (!isValidationFailure(error)) throw error;
    client.note(`Duro rejected ${operation.name} as invalid for its schema (nothing ran): checking the endpoint's schema for a variant it accepts.`);
    const live = await readLiveSchema(client, { stale: attempt.schema });
    if (live.status !== "introspected") {
      client.note(`Keeping the connector's own document for ${operation.name}: the endpoint's schema is unavailable (${live.reason}).`);
      throw error;
    }
    const adapted = liveAttempt(client, operation.name, queries, live.schema, args);
    if (adapted.document === attempt.document && JSON.stringify(adapted.variables) === JSON.stringify(attempt.variables)) {
      // The schema accepts what was sent: the endpoint refused it for another reason (e.g. a query cost limit).
      client.note(`The endpoint's schema accepts ${operation.name} as sent, so it is not sent again.`);
      throw error;
    }
    attempt = adapted;
    data = await client.request<unknown>(attempt.document, attempt.variables);
  }
  return readAnswer(operation.name, attempt, data, args);
};

/**
 * Checks Duro's answer against the document sent, then has the query read it. A flaw in the answer is Duro's
 * (`server`, naming the field); anything else that fails from here on, other than a DuroError the reader means, is
 * the connector's own bug (`internal`).
 */
const readAnswer = <TArgs, TResult>(name: string, { query, document }: Attempt<TArgs, TResult>, data: unknown, args: TArgs): TResult => {
  const { mutation, label } = documentFacts(document);
  // Duro has run a mutation it answered: sending it again could make the change twice.
  const rerun = mutation ? "Duro received the change: check it in Duro before running the step again" : "Run the same query with Raw Request to see the answer";
  let flaw: AnswerFlaw | undefined;
  try {
    flaw = answerFlaw(query, document, query.nullable, data);
    // The one cast: the check just passed `data` as having the shape `document` selects, which is what the query's
    // own data type (dialectQuery's TData) states.
    if (flaw === undefined) return query.result(data as never, args);
  } catch (error) {
    if (error instanceof DuroError) throw error;
    throw new DuroError(
      "internal",
      `The connector failed reading Duro's answer to ${name}: ${shownText(error instanceof Error ? error.message : error, MAX_SERVER_TEXT)} — a bug in the connector: report it with the step's log.${mutation ? ` ${rerun}.` : ""}`,
      { operation: label, cause: error },
    );
  }
  throw new DuroError(
    "server",
    `Duro's answer to ${name} lacks what the connector reads: ${flaw.path} ${flaw.problem}${flaw.listNote}. ${rerun}; if it persists, report it to Duro support.`,
    { operation: label },
  );
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
  const queries = operation.documents[client.dialect];
  if (queries !== undefined && variantsOf(queries)[0].filtersLocally?.(args)) {
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
