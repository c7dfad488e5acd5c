// The component actions' inputs: Get, List, Search, Create and Update Component, and the BOM.
import { input } from "@prismatic-io/spectral";
import { countText } from "../client/errors";
import { LIBRARY_TYPES, MATCH_MODES, MAX_LOOKUP_IDS } from "../operations/components";
import { cleanBoolean, cleanId, cleanIdList, cleanJsonObject, cleanOptionalId, cleanOptionalText, cleanOptionalWholeNumber, cleanRequiredText } from "./cleaners";
import { choiceInput, withDefault } from "./shared";

export const componentId = input({
  label: "Component ID",
  type: "string",
  required: true,
  clean: cleanId("componentId", "The component ID"),
  dataSource: "selectComponent",
  example: "cmp-00001",
  comments:
    "The component's unique Duro ID (not its CPN). The Select Component picklist (selectComponent) offers them by CPN and name. An unknown ID fails with a not-found error naming it.",
});

export const componentIds = input({
  label: "Component IDs",
  type: "text",
  required: true,
  clean: cleanIdList("componentIds", MAX_LOOKUP_IDS),
  example: '["cmp-00001", "cmp-00002"]',
  comments: `The components' Duro IDs (not CPNs): a JSON array, one per line, or separated by commas; a list mapped from an earlier step works too. Up to ${countText(MAX_LOOKUP_IDS)}; repeats are looked up once. The Select Component picklist (selectComponent) offers IDs by CPN and name.`,
});

/** Classic Duro's two libraries (List Components and the Select Component picklist). */
export const libraryType = choiceInput("libraryType", LIBRARY_TYPES, {
  label: "Library Type",
  labels: { GENERAL: "Company (GENERAL)", PERSONAL: "Sandbox (PERSONAL)" },
  default: "GENERAL",
  comments:
    "Company (GENERAL) holds shared production components; Sandbox (PERSONAL) holds personal or test components. Duro Hub has no sandbox library: keep GENERAL and use Library.",
});

/** Search Components' criteria, in the order the step shows them. */
export const searchCriteria = {
  name: input({
    label: "Name Contains",
    type: "string",
    required: false,
    clean: cleanOptionalText("name"),
    example: "Resistor",
    comments: "Optional. Components whose name contains this text (Duro Hub operator contains).",
  }),
  cpn: input({
    label: "CPN Contains",
    type: "string",
    required: false,
    clean: cleanOptionalText("cpn"),
    example: "100-",
    comments: "Optional. Components whose CPN contains this text (Duro Hub operator contains).",
  }),
  status: input({
    label: "Status",
    type: "string",
    required: false,
    clean: cleanOptionalText("status"),
    example: "PRODUCTION",
    comments: "Optional. Components with exactly this status name, e.g. DESIGN, PROTOTYPE, PRODUCTION, OBSOLETE (Duro Hub: status.name eq).",
  }),
  category: input({
    label: "Category",
    type: "string",
    required: false,
    clean: cleanOptionalText("category"),
    example: "Electrical",
    comments: "Optional. Components in the category with exactly this name (Duro Hub: category.name eq).",
  }),
  match: choiceInput("match", MATCH_MODES, {
    label: "Match",
    labels: { all: "All of the criteria (and)", any: "Any of the criteria (or)" },
    default: "all",
    comments: "Whether a component must meet every criterion given above (and) or at least one (or). Criteria left empty are ignored.",
  }),
  filter: input({
    label: "Filter (JSON, Duro Hub)",
    type: "code",
    language: "json",
    required: false,
    clean: cleanJsonObject("filter"),
    example: '{"category": {"type": {"eq": "ASSEMBLY"}}}',
    comments:
      "Optional, Duro Hub only: one condition of Duro's component filter (a ComponentFilterConditionInput), e.g. {\"state\": {\"eq\": \"RELEASED\"}} or {\"updatedAt\": {\"after\": \"2025-01-01\"}}. It must always hold, next to the criteria above. Classic Duro has no filter argument: there the connector reads the company library in pages of 100, checks Name, CPN, Status and Category itself until it has First N Items (with Fetch All, Max Items) matches, and refuses this input.",
  }),
};

export const flatten = withDefault(
  input({
    label: "Flatten",
    type: "boolean",
    required: false,
    default: "false",
    clean: cleanBoolean("flatten"),
    example: "true",
    comments:
      "Off: the direct children only. On: every level of the BOM, each line with its depth and parent; an assembly used more than once (or a cycle) has its children listed once and is named in repeatedAssemblyIds.",
  }),
);

export const newComponentName = input({
  label: "Name",
  type: "string",
  required: true,
  clean: cleanRequiredText("name", "The component name"),
  example: "Bracket, M3 stainless",
  comments: "The new component's name.",
});

export const changedComponentName = input({
  label: "Name",
  type: "string",
  required: false,
  clean: cleanOptionalText("name"),
  example: "Bracket, M3 stainless",
  comments: "Optional. The new name. Fields left empty keep their value; give at least one.",
});

/** The fields Create and Update Component share, after the name. */
export const componentFieldInputs = {
  description: input({
    label: "Description",
    type: "text",
    required: false,
    clean: cleanOptionalText("description"),
    example: "Mounting bracket for the wrist motor",
    comments: "Optional. The component's description.",
  }),
  categoryId: input({
    label: "Category ID",
    type: "string",
    required: false,
    clean: cleanOptionalId("categoryId", "The category ID"),
    example: "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b",
    comments: "Optional. The ID of one of the library's categories (a component's category.id, e.g. from Get Component by ID). Duro refuses an unknown one.",
  }),
  statusId: input({
    label: "Status ID",
    type: "string",
    required: false,
    clean: cleanOptionalId("statusId", "The status ID"),
    example: "b1e2c3d4-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    comments: "Optional. The ID of one of the library's statuses (a component's status.id). Duro refuses an unknown one.",
  }),
  revisionValue: input({
    label: "Revision",
    type: "string",
    required: false,
    clean: cleanOptionalText("revisionValue", 100),
    example: "1.A",
    comments: "Optional. The revision value, e.g. 1.A. Empty on creation: Duro starts from the library's revision scheme.",
  }),
  eid: input({
    label: "External ID",
    type: "string",
    required: false,
    clean: cleanOptionalText("eid", 256),
    example: "ERP-004711",
    comments: "Optional. The component's ID in another system (Duro's eid), e.g. the ERP item number.",
  }),
};

export const expectedVersion = input({
  label: "Expected Version",
  type: "string",
  required: false,
  clean: cleanOptionalWholeNumber("expectedVersion", 0, 2_147_483_647),
  example: "2",
  comments:
    "Optional. The component's version when the flow read it (its version field). If someone changed it since, Duro updates nothing and the step fails with an invalid expectedVersion error: read the component again and retry with its current version. Empty: update whatever the version.",
});
