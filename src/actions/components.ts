import { action, input } from "@prismatic-io/spectral";
import { stepClient } from "../client/stepClient";
import { cleanBoolean, cleanChoice, cleanId, cleanIdList, cleanJsonObject, cleanOptionalId, cleanOptionalText, cleanOptionalWholeNumber, cleanRequiredText } from "../inputs/cleaners";
import { connectionInput, debugRequest, library, listInputs } from "../inputs/shared";
import { GET_COMPONENT_CHILDREN, readBom } from "../operations/bom";
import {
  ComponentFields,
  CREATE_COMPONENT,
  GET_COMPONENT,
  GET_COMPONENTS_BY_IDS,
  HubComponent,
  lookUpComponentsByIds,
  LIBRARY_TYPES,
  LIST_COMPONENTS,
  MATCH_MODES,
  MAX_LOOKUP_IDS,
  SEARCH_COMPONENTS,
  UPDATE_COMPONENT,
  updateComponent as updateHubComponent,
} from "../operations/components";
import { perform, performList } from "../operations/dialects";
import { declareOperations } from "../operations/stepOperations";
import { OUTPUT_SCHEMAS } from "../outputSchemas";

const componentSummary = {
  id: "cmp-00001",
  cpn: { displayValue: "100-00001" },
  name: "Resistor 1",
  description: "Resistor number 1 of the Acme robot arm",
  category: "Electrical",
  status: "DESIGN",
  revisionValue: "A",
  workflowState: "DESIGN",
  mass: 0.1,
  created: "2025-01-06T09:00:00.000Z",
  lastModified: "2025-01-06T14:00:00.000Z",
};

const componentId = input({
  label: "Component ID",
  type: "string",
  required: true,
  clean: cleanId("componentId", "The component ID"),
  dataSource: "selectComponent",
  example: "cmp-00001",
  comments:
    "The component's unique Duro ID (not its CPN). The Select Component picklist (selectComponent) offers them by CPN and name. An unknown ID fails with a not-found error naming it.",
});

/** Classic Duro's two libraries; shared with the Select Component picklist. */
export const libraryType = input({
  label: "Library Type",
  type: "string",
  required: false,
  default: "GENERAL",
  model: [
    { label: "Company (GENERAL)", value: "GENERAL" },
    { label: "Sandbox (PERSONAL)", value: "PERSONAL" },
  ],
  clean: cleanChoice("libraryType", LIBRARY_TYPES),
  example: "GENERAL",
  comments:
    "Company (GENERAL) holds shared production components; Sandbox (PERSONAL) holds personal or test components. Duro Hub has no sandbox library: keep GENERAL and use Library.",
});

export const getComponentById = action({
  display: {
    label: "Get Component by ID",
    description: "Get one component by its Duro ID, with specs, sources, documents, revisions and direct children.",
  },
  inputs: {
    connection: connectionInput,
    componentId,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), GET_COMPONENT, { componentId: params.componentId }),
  }),
  outputSchema: OUTPUT_SCHEMAS.component,
  examplePayload: {
    data: {
      ...componentSummary,
      archived: false,
      eid: null,
      family: null,
      legacyCpn: null,
      vendorId: null,
      modified: false,
      imageIds: [],
      customSpecs: [],
      specs: [{ key: "Tolerance", value: "1%" }],
      documentLinks: [],
      images: [],
      manufacturers: [{ name: "Acme Parts Co.", description: null, mpn: { key: "MPN-000001", src: null } }],
      primarySource: {
        dpn: "DP-000001",
        distributor: "Digi-Parts",
        manufacturer: "Acme Parts Co.",
        minQuantity: 10,
        mpn: "MPN-000001",
        unitPrice: 0.05,
      },
      creator: { id: "user-1", email: "ada.lovelace@acme-robotics.example", firstName: "Ada", lastName: "Lovelace" },
      revisionHistory: [],
      children: [{ component: { id: "cmp-00002" } }],
    },
  },
});

export const listComponents = action({
  display: {
    label: "List Components",
    description: "List components of a library, a page at a time (company or sandbox library on classic Duro; the step's or connection's library on Duro Hub).",
  },
  inputs: {
    connection: connectionInput,
    libraryType,
    ...listInputs,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await performList(
      stepClient(context, params),
      LIST_COMPONENTS,
      { libraryType: params.libraryType, first: params.first, after: params.after },
      { fetchAll: params.fetchAll, maxItems: params.maxItems },
    ),
  }),
  outputSchema: OUTPUT_SCHEMAS.componentList,
  examplePayload: {
    data: {
      items: [componentSummary],
      pageInfo: { hasNextPage: true, endCursor: "Y3Vyc29yOjA=" },
      totalCount: 54,
      truncated: false,
    },
  },
});

export const getComponentsByIds = action({
  display: {
    label: "Get Components by IDs",
    description: `Look up many components at once (up to ${MAX_LOOKUP_IDS.toLocaleString("en-US")}): one request per 100 IDs, results in the order given, and the IDs Duro does not have listed.`,
  },
  inputs: {
    connection: connectionInput,
    componentIds: input({
      label: "Component IDs",
      type: "text",
      required: true,
      clean: cleanIdList("componentIds", MAX_LOOKUP_IDS),
      example: '["cmp-00001", "cmp-00002"]',
      comments: `The components' Duro IDs (not CPNs): a JSON array, one per line, or separated by commas; a list mapped from an earlier step works too. Up to ${MAX_LOOKUP_IDS.toLocaleString("en-US")}; repeats are looked up once. The Select Component picklist (selectComponent) offers IDs by CPN and name.`,
    }),
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await lookUpComponentsByIds(stepClient(context, params), params.componentIds),
  }),
  examplePayload: {
    data: { items: [componentSummary], missingIds: ["cmp-99999"] },
  },
});

export const searchComponents = action({
  display: {
    label: "Search Components",
    description:
      "Find components by name, CPN, status or category (all or any of them), plus a condition in Duro Hub's own JSON form; a page at a time, or every match with Fetch All.",
  },
  inputs: {
    connection: connectionInput,
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
    match: input({
      label: "Match",
      type: "string",
      required: false,
      default: "all",
      model: [
        { label: "All of the criteria (and)", value: "all" },
        { label: "Any of the criteria (or)", value: "any" },
      ],
      clean: cleanChoice("match", MATCH_MODES),
      example: "all",
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
    ...listInputs,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await performList(
      stepClient(context, params),
      SEARCH_COMPONENTS,
      {
        name: params.name,
        cpn: params.cpn,
        status: params.status,
        category: params.category,
        match: params.match,
        filter: params.filter,
        first: params.first,
        after: params.after,
      },
      { fetchAll: params.fetchAll, maxItems: params.maxItems },
    ),
  }),
  outputSchema: OUTPUT_SCHEMAS.componentList,
  examplePayload: {
    data: {
      items: [componentSummary],
      pageInfo: { hasNextPage: true, endCursor: "Y3Vyc29yOjk5" },
      truncated: false,
    },
  },
});

export const getComponentChildren = action({
  display: {
    label: "Get Component Children (BOM)",
    description:
      "The component's BOM: its direct children, or with Flatten every level below it, read one level per request (batched), never one request per part. Classic Duro environments.",
  },
  inputs: {
    connection: connectionInput,
    componentId,
    flatten: input({
      label: "Flatten",
      type: "boolean",
      required: false,
      default: "false",
      clean: cleanBoolean("flatten"),
      example: "true",
      comments:
        "Off: the direct children only. On: every level of the BOM, each line with its depth and parent; an assembly used more than once (or a cycle) has its children listed once and is named in repeatedAssemblyIds.",
    }),
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await readBom(stepClient(context, params), params.componentId, params.flatten),
  }),
  examplePayload: {
    data: {
      componentId: "cmp-00001",
      depth: 2,
      items: [
        { ...componentSummary, id: "cmp-00002", depth: 1, parentId: "cmp-00001", childCount: 3 },
        { ...componentSummary, id: "cmp-00005", depth: 2, parentId: "cmp-00002", childCount: 0 },
      ],
      repeatedAssemblyIds: [],
    },
  },
});

declareOperations(getComponentById, GET_COMPONENT);
declareOperations(listComponents, LIST_COMPONENTS);
declareOperations(getComponentsByIds, GET_COMPONENTS_BY_IDS);
declareOperations(searchComponents, SEARCH_COMPONENTS);
declareOperations(getComponentChildren, GET_COMPONENT_CHILDREN);
/** A component as Duro Hub returns it: what Create and Update Component give back. */
const hubComponentExample: HubComponent = {
  id: "5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a90",
  cpn: "900-02501",
  name: "Bracket, M3 stainless",
  description: "Mounting bracket for the wrist motor",
  eid: "ERP-004711",
  status: { id: "b1e2c3d4-5a6b-4c7d-8e9f-0a1b2c3d4e5f", name: "Design" },
  revisionValue: "1.A",
  category: { id: "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b", name: "Mechanical", type: "PART" },
  state: "MODIFIED",
  version: 2,
  createdAt: "2025-02-03T14:20:00.000Z",
  updatedAt: "2025-02-04T09:12:30.000Z",
};

const HUB_COMPONENT_ONLY = "Duro Hub only (classic Duro documents no component creation or update).";

/** The fields Create and Update Component share; `name` is required on creation only. */
/** The component fields a Create or Update Component step was given, as the operations take them. */
const componentFields = (params: ComponentFields): ComponentFields => ({
  name: params.name,
  description: params.description,
  categoryId: params.categoryId,
  statusId: params.statusId,
  revisionValue: params.revisionValue,
  eid: params.eid,
});

const componentFieldInputs = {
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

export const createComponent = action({
  display: {
    label: "Create Component",
    description: `Create a component in the library. ${HUB_COMPONENT_ONLY}`,
  },
  inputs: {
    connection: connectionInput,
    name: input({
      label: "Name",
      type: "string",
      required: true,
      clean: cleanRequiredText("name", "The component name"),
      example: "Bracket, M3 stainless",
      comments: "The new component's name.",
    }),
    ...componentFieldInputs,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), CREATE_COMPONENT, { ...componentFields(params), name: params.name }),
  }),
  examplePayload: { data: { ...hubComponentExample, version: 1, updatedAt: hubComponentExample.createdAt } },
});

export const updateComponent = action({
  display: {
    label: "Update Component",
    description: `Change a component's name, description, category, status, revision or external ID; with Expected Version, only if nobody changed it since it was read. ${HUB_COMPONENT_ONLY}`,
  },
  inputs: {
    connection: connectionInput,
    componentId,
    name: input({
      label: "Name",
      type: "string",
      required: false,
      clean: cleanOptionalText("name"),
      example: "Bracket, M3 stainless",
      comments: "Optional. The new name. Fields left empty keep their value; give at least one.",
    }),
    ...componentFieldInputs,
    expectedVersion: input({
      label: "Expected Version",
      type: "string",
      required: false,
      clean: cleanOptionalWholeNumber("expectedVersion", 0, 2_147_483_647),
      example: "2",
      comments:
        "Optional. The component's version when the flow read it (its version field). If someone changed it since, Duro updates nothing and the step fails with an invalid expectedVersion error: read the component again and retry with its current version. Empty: update whatever the version.",
    }),
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await updateHubComponent(stepClient(context, params), {
      componentId: params.componentId,
      expectedVersion: params.expectedVersion,
      changes: componentFields(params),
    }),
  }),
  examplePayload: { data: hubComponentExample },
});

declareOperations(createComponent, CREATE_COMPONENT);
declareOperations(updateComponent, UPDATE_COMPONENT);
