import { action, input } from "@prismatic-io/spectral";
import { stepClient } from "../client/forAction";
import {
  cleanBoolean,
  cleanChoice,
  cleanId,
  cleanIdList,
  cleanJsonObject,
  cleanOptionalText,
  connectionInput,
  debugRequest,
  library,
  listInputs,
} from "../inputs";
import { readBom } from "../operations/bom";
import {
  GET_COMPONENT,
  lookUpComponentsByIds,
  LIBRARY_TYPES,
  LIST_COMPONENTS,
  MATCH_MODES,
  MAX_LOOKUP_IDS,
  SEARCH_COMPONENTS,
} from "../operations/components";
import { perform, performList } from "../operations/dialects";
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
      "Find components by name, CPN, status or category (all or any of them), or with Duro Hub's own JSON filter; a page at a time, or every match with Fetch All.",
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
      comments: "Optional. Components with exactly this status, e.g. DESIGN, PROTOTYPE, PRODUCTION, OBSOLETE (Duro Hub operator eq).",
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
      example: '{"or": [{"status": {"eq": "PROTOTYPE"}}, {"and": [{"name": {"contains": "47uH"}}, {"category": {"name": {"eq": "Capacitor"}}}]}]}',
      comments:
        "Optional, Duro Hub only: a filter in Duro's own form (fields with operators eq, in, notIn, contains, startsWith, endsWith, gt, lt, gte, lte, isNull; nest with and / or lists). Combined with the criteria above by and. Classic Duro has no filter argument: there the connector checks Name, CPN, Status and Category itself on each page of the company library it reads, and refuses this input.",
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
