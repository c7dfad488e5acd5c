// The inputs many steps share (the connection, Debug Request, the list inputs and the Duro Hub Library), and the
// builders of inputs of one kind.
import { input } from "@prismatic-io/spectral";
import { countText } from "../client/errors";
import { MAX_PAGE_SIZE } from "../client/pagination";
import { cleanBoolean, cleanChoice, cleanContextValue, cleanOptionalText, cleanWholeNumber, isBlank } from "./cleaners";

/**
 * An optional input with a default: not given (see isBlank) means the default, as when the platform leaves the input
 * out, so a blank value mapped from an earlier step neither fails nor turns a switch off.
 */
export const withDefault = <TInput extends { required: false; default: string }, TValue>(
  definition: TInput & { clean: (value: unknown) => TValue },
): TInput & { clean: (value: unknown) => TValue } => ({
  ...definition,
  clean: (value: unknown): TValue => definition.clean(isBlank(value) ? definition.default : value),
});

/** An optional dropdown of fixed choices with a default, each value shown with its label in `labels`. */
export const choiceInput = <T extends string>(
  key: string,
  values: readonly [T, ...T[]],
  { label, labels, default: fallback, example = fallback, comments }: { label: string; labels: Record<T, string>; default: T; example?: T; comments: string },
) =>
  withDefault(
    input({
      label,
      type: "string",
      required: false,
      default: fallback,
      model: values.map((value) => ({ label: labels[value], value })),
      clean: cleanChoice(key, values),
      example,
      comments,
    }),
  );

export const connectionInput = input({
  label: "Connection",
  type: "connection",
  required: true,
  placeholder: "Pick a Duro PLM connection",
  comments: "The Duro PLM connection to use.",
});

export const debugRequest = withDefault(
  input({
    label: "Debug Request",
    type: "boolean",
    required: false,
    default: "false",
    clean: cleanBoolean("debugRequest"),
    example: "false",
    comments:
      "Log this step's requests: operation, variables, endpoint, HTTP status and duration. The API key and other secrets are always shown as [REDACTED]. Also on when the platform's debug mode is on.",
  }),
);

export const first = withDefault(
  input({
    label: "First N Items",
    type: "string",
    required: false,
    default: "5",
    clean: cleanWholeNumber("first", 1, MAX_PAGE_SIZE),
    example: "25",
    comments: `How many items to return (a whole number from 1 to ${MAX_PAGE_SIZE}). Defaults to 5.`,
  }),
);

export const fetchAll = withDefault(
  input({
    label: "Fetch All",
    type: "boolean",
    required: false,
    default: "false",
    clean: cleanBoolean("fetchAll"),
    example: "true",
    comments: `Read every page (${MAX_PAGE_SIZE} items a request) until the list ends or Max Items is reached; First N Items is then ignored. The output's truncated is true when Max Items cut the list short.`,
  }),
);

const DEFAULT_MAX_ITEMS = 10_000;
const MAX_ITEMS_LIMIT = 1_000_000;

export const maxItems = withDefault(
  input({
    label: "Max Items",
    type: "string",
    required: false,
    default: String(DEFAULT_MAX_ITEMS),
    clean: cleanWholeNumber("maxItems", 1, MAX_ITEMS_LIMIT),
    example: "2500",
    comments: `With Fetch All: stop after this many items (a safety cap, default ${countText(DEFAULT_MAX_ITEMS)}). Continue later from the output's pageInfo.endCursor.`,
  }),
);

export const after = input({
  label: "After Cursor",
  type: "string",
  required: false,
  clean: cleanOptionalText("after"),
  example: "Y3Vyc29yOjk5",
  comments: "Optional. Continue a list after this cursor: pass pageInfo.endCursor from the previous page's output.",
});

/** The inputs of every list step, in this order: one page (First N Items, After Cursor) or every page (Fetch All, Max Items). */
export const listInputs = { first, after, fetchAll, maxItems };

export const library = input({
  label: "Library",
  type: "string",
  required: false,
  clean: cleanContextValue("library"),
  dataSource: "selectLibrary",
  example: "@my-company/product-library",
  comments:
    "Duro Hub only: the library for this step (slug path like @my-company/product-library, or UUID), instead of the connection's Library. The API key must belong to it. The Select Library picklist (selectLibrary) offers the organization's libraries. Ignored by Main/MFG, ITAR and EU.",
});
