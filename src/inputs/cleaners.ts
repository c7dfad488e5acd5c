// The pure cleaners every input runs through (no spectral inputs here, so the connection layer can use them too).
import { util } from "@prismatic-io/spectral";
// zod's mini build: the same checks without the method chains and the locale bundle of the full one; every schema
// here carries its own message.
import { z } from "zod/mini";
import { countText, invalidInput, quoted, shownText } from "../client/errors";

// Inputs arrive as strings from the platform ("true", "25") or as typed values mapped from earlier steps.
// Each cleaner accepts both, and rejects anything else with an error that names the input, before any request.

const parseInput = <T>(key: string, schema: z.ZodMiniType<T>, value: unknown): T => {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(key, `${result.error.issues[0].message}; got ${quoted(value)}.`);
  return result.data;
};

/**
 * Not given: nothing, or only whitespace (an empty field in the platform, or a mapped value that is blank). Every
 * cleaner reads it the same way: an optional input not given is left out (a switch is off), a required one fails.
 */
export const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

const BOOLEAN_WORDS = new Set(["true", "false", "t", "f", "yes", "no", "y", "n"]);

export const cleanBoolean =
  (key: string) =>
  (value: unknown): boolean => {
    if (isBlank(value)) return false;
    if (typeof value === "boolean") return value;
    if (typeof value === "string" && BOOLEAN_WORDS.has(value.trim().toLowerCase())) return util.types.toBool(value.trim());
    throw invalidInput(key, `must be true or false; got ${quoted(value)}.`);
  };

const WHOLE_NUMBER_TEXT = /^[+-]?\d+$/;

// Plain checks rather than a zod schema: cleaners run on every step, and these are most of a step's own cost.
export const cleanWholeNumber = (key: string, min: number, max: number) => {
  const rule = `a whole number from ${min} to ${max}`;
  return (value: unknown): number => {
    if (isBlank(value)) throw invalidInput(key, `is required: ${rule}.`);
    const text = typeof value === "string" ? value.trim() : undefined;
    const number = text !== undefined && WHOLE_NUMBER_TEXT.test(text) ? Number(text) : value;
    if (typeof number !== "number" || !Number.isInteger(number) || number < min || number > max) {
      throw invalidInput(key, `must be ${rule}; got ${quoted(value)}.`);
    }
    return number;
  };
};

/** Not given is undefined; anything else is checked like cleanWholeNumber. */
export const cleanOptionalWholeNumber = (key: string, min: number, max: number) => {
  const clean = cleanWholeNumber(key, min, max);
  return (value: unknown): number | undefined => (isBlank(value) ? undefined : clean(value));
};

// The connector's own limits, far above any real Duro value: a runaway mapping fails here, not at Duro.
export const MAX_TEXT_LENGTH = 10_000;
export const MAX_CODE_LENGTH = 100_000;
const MAX_ID_LENGTH = 256;

// A lone UTF-16 surrogate cannot be encoded in the UTF-8 request body; C0 controls other than tab and line breaks
// are never meant (they come from binary data or a broken mapping).
const LONE_SURROGATE = /\p{Cs}/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Refuses text that is too long or cannot be real text; the message says where, never repeats a huge value. */
export const checkText = (key: string, text: string, maxLength: number): string => {
  if (text.length > maxLength) throw invalidInput(key, `is ${countText(text.length)} characters long; the most is ${countText(maxLength)}.`);
  if (LONE_SURROGATE.test(text)) {
    throw invalidInput(key, "contains a broken character (a lone UTF-16 surrogate, not valid UTF-8): the text was cut or decoded wrongly; map it again as UTF-8 text.");
  }
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    throw invalidInput(key, `contains the control character U+${code} at position ${control.index + 1}; remove it (binary data cannot be sent as text).`);
  }
  return text;
};

export const cleanRequiredText = (key: string, what: string, maxLength = MAX_TEXT_LENGTH) => (value: unknown): string => {
  if (isBlank(value)) throw invalidInput(key, `${what} is required and cannot be blank.`);
  if (typeof value !== "string") throw invalidInput(key, `${what} must be text; got ${quoted(value)}.`);
  return checkText(key, value.trim(), maxLength);
};

/** Not given is undefined, so the variable is left out of the request. */
export const cleanOptionalText = (key: string, maxLength = MAX_TEXT_LENGTH) => (value: unknown): string | undefined => {
  if (isBlank(value)) return undefined;
  if (typeof value !== "string") throw invalidInput(key, `must be text; got ${quoted(value)}.`);
  return checkText(key, value.trim(), maxLength);
};

// Assumption (Duro documents no ID format): classic IDs are hex, Duro Hub's UUIDs, and cursors or global IDs base64,
// so this set covers them; quotes, spaces, line breaks and braces never belong in one.
const ID_CHARACTERS = /^[A-Za-z0-9._:~+/=-]+$/;

/** A record's Duro ID: required, and only characters an ID has. */
export const cleanId = (key: string, what: string) => {
  const text = cleanRequiredText(key, what, MAX_ID_LENGTH);
  return (value: unknown): string => {
    const id = text(value);
    if (!ID_CHARACTERS.test(id)) {
      throw invalidInput(key, `${what} has only letters, digits and . _ : ~ + / = - (no spaces, quotes, line breaks or braces); got ${quoted(id)}.`);
    }
    return id;
  };
};

/** An optional record ID: not given is undefined, anything else is checked like cleanId. */
export const cleanOptionalId = (key: string, what: string) => {
  const id = cleanId(key, what);
  return (value: unknown): string | undefined =>
    isBlank(value) ? undefined : id(value);
};

// Sent as an HTTP header (x-organization, x-library), which carries visible ASCII only.
const HEADER_SAFE = /^[\x21-\x7E]+$/;

/** A Duro Hub organization or library (slug or UUID); not given is undefined. */
export const cleanContextValue = (key: string) => (value: unknown): string | undefined => {
  const text = cleanOptionalText(key, MAX_ID_LENGTH)(value);
  if (text !== undefined && !HEADER_SAFE.test(text)) {
    throw invalidInput(key, `must be a slug like @my-company/product-library or a UUID: no spaces or non-ASCII characters; got ${quoted(text)}.`);
  }
  return text;
};

export const cleanChoice = <T extends string>(key: string, allowed: readonly [T, ...T[]]) => {
  const schema = z.enum(allowed, { error: `must be one of ${allowed.join(", ")}` });
  return (value: unknown): T => {
    if (isBlank(value)) throw invalidInput(key, `is required: one of ${allowed.join(", ")}.`);
    return parseInput(key, schema, typeof value === "string" ? value.trim() : value);
  };
};

/** Not given means "any": undefined; otherwise one of `allowed`. */
export const cleanOptionalChoice = <T extends string>(key: string, allowed: readonly [T, ...T[]]) => {
  const choice = cleanChoice(key, allowed);
  return (value: unknown): T | undefined =>
    isBlank(value) ? undefined : choice(value);
};

const JSON_ERROR_POSITION = /position (\d+)/;

/** Whether `text` could still become valid JSON: parses, or fails only because it ends too soon. */
const isJsonPrefix = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    const reported = JSON_ERROR_POSITION.exec(message);
    return message.includes("Unexpected end of JSON input") || (reported !== null && Number(reported[1]) >= text.length);
  }
};

/**
 * Where JSON.parse failed, as an offset. Node 20 often leaves the position out ("Unexpected token 'o', ... is not
 * valid JSON"), so find the shortest prefix that can no longer become JSON: a binary search, as that is monotonic.
 */
const jsonErrorOffset = (text: string, message: string): number => {
  const reported = JSON_ERROR_POSITION.exec(message);
  if (reported) return Number(reported[1]);
  let viable = 0;
  let broken = text.length;
  while (broken - viable > 1) {
    const middle = Math.floor((viable + broken) / 2);
    if (isJsonPrefix(text.slice(0, middle))) viable = middle;
    else broken = middle;
  }
  return broken - 1;
};

/** A JSON.parse failure with its line and column, so a user can find it in a code input. */
const describeJsonError = (text: string, error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const before = text.slice(0, jsonErrorOffset(text, message));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  const reason = message.replace(/ in JSON at position \d+.*$/s, "").replace(/, ".*" is not valid JSON$/s, "");
  return `${shownText(reason, MAX_PARSER_TEXT)} at line ${line}, column ${column}`;
};

/** How much of a parser's message (which may quote the input) an error repeats. */
export const MAX_PARSER_TEXT = 200;

// Duro's filters and inputs nest a few levels (and / or lists, objects in objects); far deeper JSON is a mistake, and
// would exhaust the call stack wherever it is walked (validation, redaction, serialization).
const MAX_JSON_DEPTH = 64;

/** Refuses a value nested deeper than MAX_JSON_DEPTH (or holding a cycle), measured without recursion. */
export const checkDepth = (key: string, value: unknown): void => {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw invalidInput(key, `is nested more than ${MAX_JSON_DEPTH} levels deep; Duro's filters and inputs need far fewer. Flatten it.`);
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
};

/** Whether any string in a parsed JSON value holds a lone surrogate (JSON's \ud800 escapes make them). */
const hasBrokenString = (value: unknown): boolean => {
  if (typeof value === "string") return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasBrokenString);
  if (typeof value === "object" && value !== null) return Object.entries(value).some(([name, item]) => hasBrokenString(name) || hasBrokenString(item));
  return false;
};

/** JSON given as text (a code input) or a value mapped from an earlier step; undefined when not given. */
const parseJsonInput = (key: string, value: unknown): unknown => {
  if (isBlank(value)) return undefined;
  let parsed: unknown = value;
  if (typeof value === "string") {
    checkText(key, value, MAX_CODE_LENGTH);
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw invalidInput(key, `is not valid JSON: ${describeJsonError(value, error)}.`);
    }
  }
  checkDepth(key, parsed);
  if (hasBrokenString(parsed)) throw invalidInput(key, "contains a broken character (a lone UTF-16 surrogate, not valid UTF-8); fix the text it came from.");
  return parsed;
};

export const cleanJsonObject = (key: string) => (value: unknown): Record<string, unknown> | undefined => {
  const parsed = parseJsonInput(key, value);
  if (parsed === undefined) return undefined;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalidInput(key, `must be a JSON object like {"first": 10}; got ${Array.isArray(parsed) ? "an array" : quoted(parsed)}.`);
  }
  return parsed as Record<string, unknown>;
};

/** Duro's orderBy form: a JSON array of one-field objects, e.g. [{"name": "asc"}, {"lastModified": "desc"}]. */
export const cleanOrderBy = <TField extends string>(key: string, fields: readonly [TField, ...TField[]]) => {
  const rule = `must be a JSON array like [{"${fields[0]}": "asc"}] where each item has one field (${fields.join(", ")}) set to asc or desc`;
  const schema = z.array(
    z.partialRecord(z.enum(fields, { error: rule }), z.enum(["asc", "desc"], { error: rule }), { error: rule }).check(z.refine((item) => Object.keys(item).length === 1, rule)),
    { error: rule },
  );
  return (value: unknown): Array<Partial<Record<TField, "asc" | "desc">>> | undefined => {
    const parsed = parseJsonInput(key, value);
    return parsed === undefined ? undefined : parseInput(key, schema, parsed);
  };
};

/**
 * A list of IDs: a JSON array, text with one ID per line or separated by commas or spaces, or a list mapped from an
 * earlier step. Blanks and repeats are dropped (first occurrence kept); at least one and at most `max` IDs.
 */
export const cleanIdList = (key: string, max: number) => {
  const eachId = cleanId(key, "Each ID");
  return (value: unknown): string[] => {
    if (isBlank(value)) throw invalidInput(key, "is required: give at least one ID.");
    const text = typeof value === "string" ? value.trim() : value;
    const parsed = typeof text === "string" && text.startsWith("[") ? parseJsonInput(key, text) : text;
    const listed = Array.isArray(parsed) ? parsed : typeof parsed === "string" ? parsed.split(/[\s,]+/) : undefined;
    if (!listed || listed.some((id) => typeof id !== "string" && typeof id !== "number")) {
      throw invalidInput(key, `must be a list of IDs: a JSON array like ["cmp-00001", "cmp-00002"], or IDs separated by commas or new lines; got ${quoted(value)}.`);
    }
    const ids = [...new Set(listed.map((id) => String(id).trim()).filter(Boolean))];
    if (!ids.length) throw invalidInput(key, "give at least one ID.");
    if (ids.length > max) {
      throw invalidInput(key, `at most ${countText(max)} IDs in one step; got ${countText(ids.length)}. Split the list over several steps (a loop over chunks).`);
    }
    return ids.map(eachId);
  };
};
