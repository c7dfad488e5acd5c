import { action, input, util } from "@prismatic-io/spectral";
import { parse } from "../client/graphqlLanguage";
import { invalidInput, shownText } from "../client/errors";
import { stepClient } from "../client/stepClient";
import { checkDepth, checkText, cleanJsonObject, MAX_CODE_LENGTH, MAX_PARSER_TEXT } from "../inputs/cleaners";
import { connectionInput, debugRequest, library } from "../inputs/shared";
import { declareOperations } from "../operations/stepOperations";

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
  if (typeof value !== "string" || !value.trim()) {
    throw invalidInput("query", "a GraphQL query or mutation is required.");
  }
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
  if (value === undefined || value === null || value === "") return {};
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

export const rawRequest = action({
  display: {
    label: "Raw Request",
    description: "Send any GraphQL query or mutation to the connection's Duro endpoint and return its data.",
  },
  inputs: {
    connection: connectionInput,
    query: input({
      label: "Query or Mutation",
      type: "code",
      language: "graphql",
      required: true,
      default: DEFAULT_QUERY,
      clean: cleanQuery,
      placeholder: "query { components(libraryType: GENERAL) { connection(first: 10) { edges { node { id name } } } } }",
      comments:
        "GraphQL query or mutation to run against the Duro API. It is checked for syntax before sending; GraphQL errors in the answer fail the step.",
    }),
    variables: input({
      label: "Variables",
      type: "string",
      collection: "keyvaluelist",
      required: false,
      clean: cleanVariableList,
      example: "first = 10",
      comments: "GraphQL variables as key/value pairs (values are sent as text). For numbers, booleans or nested values use Variables Object.",
    }),
    variablesObject: input({
      label: "Variables Object",
      type: "code",
      language: "json",
      required: false,
      clean: cleanJsonObject("variablesObject"),
      example: '{"first": 10, "libraryType": "GENERAL"}',
      comments: 'GraphQL variables as a JSON object, e.g. {"first": 10}. Where a key is in both, this one wins.',
    }),
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await stepClient(context, params).request<Record<string, unknown>>(params.query, { ...params.variables, ...params.variablesObject }),
  }),
  examplePayload: {
    data: {
      components: {
        connection: {
          totalCount: 54,
          edges: [
            {
              cursor: "Y3Vyc29yOjA=",
              node: { id: "cmp-00001", name: "Resistor 1", created: "2025-01-06T09:00:00.000Z", lastModified: "2025-01-06T14:00:00.000Z" },
            },
          ],
        },
      },
    },
  },
});

// It sends only the query it is given.
declareOperations(rawRequest);
