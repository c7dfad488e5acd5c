// Raw Request's inputs: a GraphQL document checked locally, and its variables as key/value pairs or a JSON object.
import { input, util } from "@prismatic-io/spectral";
import { invalidInput, quoted, shownText } from "../client/errors";
import { parse } from "../client/graphqlLanguage";
import { checkDepth, checkText, cleanJsonObject, isBlank, MAX_CODE_LENGTH, MAX_PARSER_TEXT } from "./cleaners";

const DEFAULT_QUERY = `{
  components(libraryType: GENERAL) {
    connection(first: 10) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          created
          lastModified
        }
      }
    }
  }
}`;

/** Parses locally so a typo is reported with its line and column, and no request is sent. */
const cleanQuery = (value: unknown): string => {
  if (isBlank(value)) throw invalidInput("query", "is required: a GraphQL query or mutation.");
  if (typeof value !== "string") throw invalidInput("query", `must be GraphQL text; got ${quoted(value)}.`);
  checkText("query", value, MAX_CODE_LENGTH);
  try {
    parse(value, { noLocation: true });
  } catch (error) {
    const { message, locations } = error as { message: string; locations?: Array<{ line: number; column: number }> };
    const where = locations?.[0] ? ` at line ${locations[0].line}, column ${locations[0].column}` : "";
    throw invalidInput("query", `is not valid GraphQL${where}: ${shownText(message.replace(/^Syntax Error: /, ""), MAX_PARSER_TEXT)}`);
  }
  return value;
};

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Each pair's key must be a GraphQL variable name (without the $), so a typo fails here rather than at Duro. */
const cleanVariableList = (value: unknown): Record<string, unknown> => {
  if (isBlank(value)) return {};
  if (!Array.isArray(value)) throw invalidInput("variables", "must be a list of key/value pairs.");
  value.forEach((pair: unknown, index) => {
    const name: unknown = typeof pair === "object" && pair !== null ? (pair as { key?: unknown }).key : undefined;
    if (typeof name !== "string" || !GRAPHQL_NAME.test(name)) {
      throw invalidInput("variables", `pair ${index + 1} needs a key that is a GraphQL variable name like first or componentId (letters, digits, _; no $).`);
    }
    const text: unknown = (pair as { value?: unknown }).value;
    if (typeof text === "string") checkText("variables", text, MAX_CODE_LENGTH);
  });
  const variables = util.types.keyValPairListToObject(value);
  checkDepth("variables", variables);
  return variables;
};

export const query = input({
  label: "Query or Mutation",
  type: "code",
  language: "graphql",
  required: true,
  default: DEFAULT_QUERY,
  clean: cleanQuery,
  placeholder: "query { components(libraryType: GENERAL) { connection(first: 10) { edges { node { id name } } } } }",
  comments:
    "GraphQL query or mutation to run against the Duro API. It is checked for syntax before sending; GraphQL errors in the answer fail the step.",
});

export const variables = input({
  label: "Variables",
  type: "string",
  collection: "keyvaluelist",
  required: false,
  clean: cleanVariableList,
  example: "first = 10",
  comments: "GraphQL variables as key/value pairs (values are sent as text). For numbers, booleans or nested values use Variables Object.",
});

export const variablesObject = input({
  label: "Variables Object",
  type: "code",
  language: "json",
  required: false,
  clean: cleanJsonObject("variablesObject"),
  example: '{"first": 10, "libraryType": "GENERAL"}',
  comments: 'GraphQL variables as a JSON object, e.g. {"first": 10}. Where a key is in both, this one wins.',
});
