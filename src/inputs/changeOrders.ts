// The change order inputs' own checks: a change order template (YAML) read before anything is sent.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, YAMLMap } from "yaml";
import { invalidInput, quoted, shownText } from "../client/errors";
import { checkText, MAX_CODE_LENGTH, MAX_PARSER_TEXT } from "./cleaners";

const TEMPLATE_REQUIRED_FIELDS = ["version", "schema_type", "stages"] as const;
const TEMPLATE_SCHEMA_TYPE = "change_order_scheme";
const TEMPLATE_SHAPE = `version, schema_type: ${TEMPLATE_SCHEMA_TYPE} and stages (with an open list of review stages)`;

/**
 * A Duro change order template (YAML): parsed and its required top-level fields checked here, so a mistake is
 * reported with its line before anything is sent. Duro checks the rest of its schema itself.
 */
export const cleanTemplateYaml =
  (key: string) =>
  (value: unknown): string => {
    if (typeof value !== "string" || !value.trim()) throw invalidInput(key, `a change order template in YAML is required, with ${TEMPLATE_SHAPE}.`);
    checkText(key, value, MAX_CODE_LENGTH);
    const lineCounter = new LineCounter();
    const document = parseDocument(value, { lineCounter, prettyErrors: false });
    const lineAt = (offset: number | undefined): number => lineCounter.linePos(offset ?? 0).line;
    const [syntaxError] = document.errors;
    if (syntaxError) {
      throw invalidInput(key, `is not valid YAML at line ${lineAt(syntaxError.pos[0])}: ${shownText(syntaxError.message.split("\n")[0], MAX_PARSER_TEXT)}`);
    }
    const root = document.contents;
    if (!isMap(root)) throw invalidInput(key, `must be a YAML mapping at the top level, with ${TEMPLATE_SHAPE}.`);
    const missing = TEMPLATE_REQUIRED_FIELDS.filter((field) => !root.has(field));
    if (missing.length) {
      throw invalidInput(key, `is missing the top-level field${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; Duro needs ${TEMPLATE_SHAPE}.`);
    }
    const lineOfKey = (map: YAMLMap, field: string): number => {
      const pair = map.items.find((item) => isScalar(item.key) && item.key.value === field);
      return lineAt(isScalar(pair?.key) ? pair.key.range?.[0] : undefined);
    };
    const schemaType: unknown = (document.toJS() as Record<string, unknown>).schema_type;
    if (schemaType !== TEMPLATE_SCHEMA_TYPE) {
      throw invalidInput(key, `line ${lineOfKey(root, "schema_type")}: schema_type must be "${TEMPLATE_SCHEMA_TYPE}"; got ${quoted(schemaType)}.`);
    }
    const stages = root.get("stages", true);
    if (!isMap(stages) || !isSeq(stages.get("open", true))) {
      throw invalidInput(key, `line ${lineOfKey(root, "stages")}: stages must be a mapping with an open list of review stages (stages: open: - name: …).`);
    }
    return value;
  };
