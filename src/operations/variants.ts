// Which variant of an operation's document to send to an endpoint whose schema is known, and how to adapt it: fields
// only passed on that the endpoint lacks are left out of the document, optional step inputs it has no field for are
// left out of the variables. Needed fields and arguments are never dropped: they choose the variant, or fail the step.
// From graphql's submodules, not its root, which would bring the whole package into the bundle.
import type { DocumentNode, FieldNode, VariableDefinitionNode } from "graphql/language/ast";
import { visit } from "graphql/language/visitor";
import { getNamedType, GraphQLNamedType, isInputObjectType, isInterfaceType, isObjectType } from "graphql/type/definition";
import type { GraphQLSchema } from "graphql/type/schema";
import { getVariableValues } from "graphql/execution/values";
import { getOperationAST } from "graphql/utilities/getOperationAST";
import { TypeInfo, visitWithTypeInfo } from "graphql/utilities/TypeInfo";
import { typeFromAST } from "graphql/utilities/typeFromAST";
import { validate } from "graphql/validation/validate";
import { parse, print } from "../client/graphqlLanguage";
import { DuroClient, Variables } from "../client/duroClient";
import { DuroError } from "../client/errors";
import type { DialectQueries, DialectQuery } from "./dialects";

/** What perform sends: the variant, its document and variables, and the live schema they were chosen with, if any. */
export interface Attempt<TArgs, TResult> {
  query: DialectQuery<TArgs, TResult>;
  document: string;
  variables: Variables;
  schema?: GraphQLSchema;
}

/** The variants of one dialect's entry, newest first. */
export const variantsOf = <TArgs, TResult>(queries: DialectQueries<TArgs, TResult>): ReadonlyArray<DialectQuery<TArgs, TResult>> =>
  Array.isArray(queries) ? queries : [queries as DialectQuery<TArgs, TResult>];

/** Without a known schema: the newest variant, as written. */
export const staticAttempt = <TArgs, TResult>(queries: DialectQueries<TArgs, TResult>, args: TArgs): Attempt<TArgs, TResult> => {
  const [query] = variantsOf(queries);
  return { query, document: query.document, variables: query.variables(args) };
};

/** An optional step input whose field the endpoint's input type lacks. */
interface InputGap {
  path: string[];
  input: string;
  type: string;
  field: string;
}

/** A variant the endpoint's schema accepts, as it will be sent. */
interface Fit {
  query: DialectQuery<unknown, unknown>;
  /** 0 for the newest variant. */
  index: number;
  document: string;
  /** The pass-through fields left out, as Type.field. */
  dropped: string[];
  gaps: InputGap[];
  variableDefinitions: readonly VariableDefinitionNode[];
}

/** Every variant that fits (whole ones first, newest first), or why the closest one does not. */
type Verdict = { fits: Fit[]; problems: string[] };

// Judged once per schema and operation: validating documents costs far more than a lookup.
const verdicts = new WeakMap<GraphQLSchema, Map<object, Verdict>>();

const MAX_NAMES = 25;
const nameList = (names: string[]): string =>
  names.length > MAX_NAMES ? `${names.slice(0, MAX_NAMES).join(", ")} … (${names.length - MAX_NAMES} more)` : names.join(", ");

const fieldsOf = (type: GraphQLNamedType | null | undefined): string[] | undefined =>
  isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? Object.keys(type.getFields()) : undefined;

const CANNOT_QUERY = /Cannot query field "[^"]+" on type "([^"]+)"/;
const NOT_DEFINED_BY = /Field "[^"]+" is not defined by type "([^"]+)"/;
const UNKNOWN_ARGUMENT = /Unknown argument "[^"]+" on field "([^".]+)\.([^"]+)"/;

/** graphql-js's message (with its "Did you mean" suggestions) and what the endpoint offers in its place. */
const explain = (schema: GraphQLSchema, message: string): string => {
  const typeName = (CANNOT_QUERY.exec(message) ?? NOT_DEFINED_BY.exec(message))?.[1];
  const fields = typeName === undefined ? undefined : fieldsOf(schema.getType(typeName));
  if (typeName !== undefined && fields) return `${message} (${typeName} has: ${nameList(fields)})`;
  const argument = UNKNOWN_ARGUMENT.exec(message);
  const owner = argument && schema.getType(argument[1]);
  const field = (isObjectType(owner) || isInterfaceType(owner)) && argument ? owner.getFields()[argument[2]] : undefined;
  if (argument && field) {
    const args = field.args.map((arg) => arg.name);
    return `${message} (${argument[1]}.${argument[2]} takes ${args.length ? nameList(args) : "no arguments"})`;
  }
  return message;
};

/** The document without the pass-through fields the schema lacks (and any selection they leave empty). */
const withoutMissing = (schema: GraphQLSchema, document: DocumentNode, passThrough: ReadonlySet<string>) => {
  const dropped = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const coordinate = (node: FieldNode): string | undefined => {
    const parent = typeInfo.getParentType();
    return parent ? `${parent.name}.${node.name.value}` : undefined;
  };
  const drop = (node: FieldNode): null | undefined => {
    const name = coordinate(node);
    if (name === undefined || !passThrough.has(name)) return undefined;
    dropped.add(name);
    return null;
  };
  const edited = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter: (node) => {
          const fields = fieldsOf(typeInfo.getParentType());
          return fields === undefined || node.name.value.startsWith("__") || fields.includes(node.name.value) ? undefined : drop(node);
        },
        leave: (node) => (node.selectionSet?.selections.length === 0 ? drop(node) : undefined),
      },
    }),
  );
  return { document: edited, dropped: [...dropped] };
};

/** The optional inputs whose field the schema's input type lacks. */
const inputGaps = (schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], optionalInputs: Readonly<Record<string, string>> = {}): InputGap[] =>
  Object.entries(optionalInputs).flatMap(([path, input]) => {
    const [variable, ...fields] = path.split(".");
    const definition = definitions.find((candidate) => candidate.variable.name.value === variable);
    const variableType = definition && typeFromAST(schema, definition.type);
    let type: GraphQLNamedType | undefined = variableType && getNamedType(variableType);
    for (const field of fields) {
      if (!isInputObjectType(type)) return [];
      const next = type.getFields()[field];
      if (!next) return [{ path: path.split("."), input, type: type.name, field }];
      type = getNamedType(next.type);
    }
    return [];
  });

const judge = (schema: GraphQLSchema, query: DialectQuery<unknown, unknown>, index: number): { fit: Fit } | { problems: string[] } => {
  const original = parse(query.document);
  let document = original;
  let dropped: string[] = [];
  let errors = validate(schema, document);
  if (errors.length && query.passThrough?.length) {
    ({ document, dropped } = withoutMissing(schema, original, new Set(query.passThrough)));
    if (dropped.length) errors = validate(schema, document);
  }
  if (errors.length) return { problems: errors.map((error) => explain(schema, error.message)) };
  const variableDefinitions = getOperationAST(document)?.variableDefinitions ?? [];
  return {
    fit: {
      query,
      index,
      document: dropped.length ? print(document) : query.document,
      dropped,
      gaps: inputGaps(schema, variableDefinitions, query.optionalInputs),
      variableDefinitions,
    },
  };
};

const verdictFor = (schema: GraphQLSchema, queries: DialectQueries<unknown, unknown>): Verdict => {
  let bySchema = verdicts.get(schema);
  if (!bySchema) verdicts.set(schema, (bySchema = new Map()));
  let verdict = bySchema.get(queries);
  if (!verdict) {
    const judged = variantsOf(queries).map((query, index) => judge(schema, query, index));
    const fits = judged.flatMap((outcome) => ("fit" in outcome ? [outcome.fit] : []));
    const misses = judged.flatMap((outcome) => ("problems" in outcome ? [outcome.problems] : []));
    verdict = {
      fits: [...fits.filter((fit) => fit.dropped.length === 0), ...fits.filter((fit) => fit.dropped.length > 0)],
      // The closest variant's problems: the fewest, the newest on a tie.
      problems: misses.reduce<string[] | undefined>((closest, problems) => (closest && closest.length <= problems.length ? closest : problems), undefined) ?? [],
    };
    bySchema.set(queries, verdict);
  }
  return verdict;
};

// Enough to name what is missing without burying it.
const MAX_PROBLEMS = 5;

const misfit = (client: DuroClient, operation: string, problems: string[]): DuroError => {
  const shown = problems.slice(0, MAX_PROBLEMS);
  return new DuroError(
    "graphql",
    `${operation} cannot run on ${client.url}: the endpoint's schema lacks what the connector needs, so nothing ran there. ${shown.join(" ")} Check the connection's Duro Environment (a custom URL speaks the dialect of the environment picked with it); if it is right, Duro's API has changed: use Raw Request with a query for this schema, and report it to the connector's maintainers.`,
    { operation, graphqlErrors: shown.map((message) => ({ message, code: "GRAPHQL_VALIDATION_FAILED" })) },
  );
};

/** Whether an operation can run against a schema, and if not, why: for Check Connection. */
export const fitsSchema = (queries: DialectQueries<never, unknown>, schema: GraphQLSchema): { supported: true } | { supported: false; reason: string } => {
  const { fits, problems } = verdictFor(schema, queries as DialectQueries<unknown, unknown>);
  return fits.length ? { supported: true } : { supported: false, reason: problems.slice(0, MAX_PROBLEMS).join(" ") };
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `value` without what is at `path` (through objects, and every element of a list); undefined when nothing was there. */
const removedAt = (value: unknown, [head, ...rest]: string[]): unknown => {
  if (Array.isArray(value)) {
    const items = value.map((item) => removedAt(item, [head, ...rest]));
    return items.some((item) => item !== undefined) ? items.map((item, index) => item ?? value[index]) : undefined;
  }
  if (!isRecord(value) || value[head] === undefined) return undefined;
  const copy = { ...value };
  if (rest.length === 0) {
    delete copy[head];
    return copy;
  }
  const inner = removedAt(value[head], rest);
  if (inner === undefined) return undefined;
  copy[head] = inner;
  return copy;
};

/**
 * With the endpoint's schema known: the first variant that fits and whose variables the schema accepts, optional
 * inputs it has no field for left out (with a warning each). When none fits, fails before sending anything.
 */
export const liveAttempt = <TArgs, TResult>(
  client: DuroClient,
  operation: string,
  queries: DialectQueries<TArgs, TResult>,
  schema: GraphQLSchema,
  args: TArgs,
): Attempt<TArgs, TResult> => {
  const { fits, problems } = verdictFor(schema, queries as DialectQueries<unknown, unknown>);
  const refusals: string[] = [];
  for (const fit of fits) {
    let variables = (fit.query as DialectQuery<TArgs, TResult>).variables(args);
    const leftOut = fit.gaps.filter((gap) => {
      const without = removedAt(variables, gap.path);
      if (without !== undefined) variables = without as Variables;
      return without !== undefined;
    });
    // As sent: JSON leaves out undefined values, which the schema would otherwise see as given.
    const { errors } = getVariableValues(schema, fit.variableDefinitions, JSON.parse(JSON.stringify(variables)) as Variables);
    if (errors) {
      refusals.push(...errors.map((error) => explain(schema, error.message)));
      continue;
    }
    for (const gap of leftOut) {
      client.warn(`${operation}: ${client.url} has no ${gap.type}.${gap.field}, so the step's "${gap.input}" input was left out.`);
    }
    if (fit.index > 0) client.note(`${operation}: sending variant ${fit.index + 1} of its documents (newest first), which ${client.url} accepts.`);
    if (fit.dropped.length) {
      client.note(`${operation}: left out ${fit.dropped.join(", ")}, which ${client.url} lacks; the output has no such fields.`);
    }
    return { query: fit.query as DialectQuery<TArgs, TResult>, document: fit.document, variables, schema };
  }
  throw misfit(client, operation, fits.length ? refusals : problems);
};
