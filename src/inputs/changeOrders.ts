// The change order steps' inputs, and their own check: a change order template (YAML) read before anything is sent.
import { input } from "@prismatic-io/spectral";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, YAMLMap } from "yaml";
import { invalidInput, quoted, shownText } from "../client/errors";
import { CHANGE_ORDER_SORT_FIELDS, CHANGE_ORDER_TYPES } from "../operations/changeOrders";
import { checkText, cleanId, cleanOptionalChoice, cleanOptionalText, cleanOrderBy, cleanRequiredText, isBlank, MAX_CODE_LENGTH, MAX_PARSER_TEXT } from "./cleaners";
import { choiceInput } from "./shared";

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
    if (isBlank(value)) throw invalidInput(key, `is required: a change order template in YAML, with ${TEMPLATE_SHAPE}.`);
    if (typeof value !== "string") throw invalidInput(key, `must be YAML text; got ${quoted(value)}.`);
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

export const changeOrderId = input({
  label: "Change Order ID",
  type: "string",
  required: true,
  clean: cleanId("changeOrderId", "The change order ID"),
  dataSource: "selectChangeOrder",
  example: "123e4567-e89b-12d3-a456-426614174000",
  comments: "The change order's unique Duro ID. The Select Change Order picklist (selectChangeOrder) offers them by number and name.",
});

export const changeOrderName = input({
  label: "Name",
  type: "string",
  required: true,
  clean: cleanRequiredText("name", "The change order name"),
  example: "Replace bracket supplier",
  comments: "The name of the change order to create.",
});

export const changeOrderDescription = input({
  label: "Description",
  type: "text",
  required: false,
  clean: cleanOptionalText("description"),
  example: "Switch bracket supplier to reduce lead time; no form, fit or function change.",
  comments: "A detailed description of the change order, including the reason for the change and expected impact.",
});

// Create and List Change Orders offer the same types under the same labels.
const TYPE_LABELS = {
  ECO: "ECO (Engineering Change Order)",
  MCO: "MCO (Manufacturing Change Order)",
  DCO: "DCO (Document Change Order)",
};

export const changeOrderType = choiceInput("type", CHANGE_ORDER_TYPES, {
  label: "Type",
  labels: TYPE_LABELS,
  default: "ECO",
  comments: "The type of change order: ECO (Engineering), MCO (Manufacturing) or DCO (Document). Classic Duro only: Duro Hub change orders have no type, so it is not sent there.",
});

export const typeFilter = input({
  label: "Type",
  type: "string",
  required: false,
  model: CHANGE_ORDER_TYPES.map((value) => ({ label: TYPE_LABELS[value], value })),
  clean: cleanOptionalChoice("type", CHANGE_ORDER_TYPES),
  example: "ECO",
  comments: "Optional, classic Duro only (Duro Hub change orders have no type). Only change orders of this type (ECO, MCO or DCO); filtered like Status.",
});

/** A status to list change orders by (List Change Orders and the Select Change Order picklist). */
export const statusFilter = (comments: string) =>
  input({
    label: "Status",
    type: "string",
    required: false,
    clean: cleanOptionalText("status"),
    example: "DRAFT",
    comments,
  });

const SORT_LABELS: Record<(typeof CHANGE_ORDER_SORT_FIELDS)[number], string> = {
  con: "Change order number",
  name: "Name",
  lastModified: "Last modified",
};

export const orderBy = input({
  label: "Order By",
  type: "string",
  required: false,
  model: CHANGE_ORDER_SORT_FIELDS.flatMap((field) =>
    (["asc", "desc"] as const).map((direction) => ({
      label: `${SORT_LABELS[field]} (${direction === "asc" ? "ascending" : "descending"})`,
      value: JSON.stringify([{ [field]: direction }]),
    })),
  ),
  clean: cleanOrderBy("orderBy", CHANGE_ORDER_SORT_FIELDS),
  example: '[{"lastModified": "desc"}]',
  comments:
    'The field and direction to sort by. Pick one, or give Duro\'s JSON form for several keys, e.g. [{"name": "asc"}, {"lastModified": "desc"}] (fields: con, name, lastModified). Empty keeps Duro\'s order (the only choice on Duro Hub).',
});

export const templateName = input({
  label: "Template Name",
  type: "string",
  required: true,
  clean: cleanRequiredText("name", "The template name"),
  example: "My Engineering Review Process",
  comments: "The template's name in Duro.",
});

const EXAMPLE_TEMPLATE = `version: "1.0"
description: Engineering change order workflow with dual approval
schema_type: change_order_scheme
stages:
  open:
    - name: Engineering Review
      types: [Unanimous, Majority]
      default: Majority
      minReviewers: 2
`;

export const templateYaml = input({
  label: "Template YAML",
  type: "code",
  language: "yaml",
  required: true,
  default: EXAMPLE_TEMPLATE,
  clean: cleanTemplateYaml("configYAML"),
  placeholder: "version: 1\nschema_type: change_order_scheme\nstages:\n  open:\n    - name: Engineering review",
  comments:
    "The workflow in Duro's change order schema: version, schema_type: change_order_scheme, and stages with an open list of review stages (details, validations, resolved and closed are optional). Mistakes in these are reported with their line before sending.",
});
