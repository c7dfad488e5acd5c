import { action } from "@prismatic-io/spectral";
import { stepClient } from "../client/stepClient";
import { countText } from "../client/errors";
import { componentSummary } from "../examplePayloads";
import {
  changedComponentName,
  componentFieldInputs,
  componentId,
  componentIds,
  expectedVersion,
  flatten,
  libraryType,
  newComponentName,
  searchCriteria,
} from "../inputs/components";
import { connectionInput, debugRequest, library, listInputs } from "../inputs/shared";
import { GET_COMPONENT_CHILDREN, readBom } from "../operations/bom";
import {
  ComponentFields,
  CREATE_COMPONENT,
  GET_COMPONENT,
  GET_COMPONENTS_BY_IDS,
  HubComponent,
  lookUpComponentsByIds,
  LIST_COMPONENTS,
  MAX_LOOKUP_IDS,
  SEARCH_COMPONENTS,
  UPDATE_COMPONENT,
  updateHubComponent,
} from "../operations/components";
import { perform, performList } from "../operations/dialects";
import { declareOperations } from "../operations/stepOperations";
import { OUTPUT_SCHEMAS } from "../outputSchemas";

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
    description: `Look up many components at once (up to ${countText(MAX_LOOKUP_IDS)}): one request per 100 IDs, results in the order given, and the IDs Duro does not have listed.`,
  },
  inputs: {
    connection: connectionInput,
    componentIds,
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
    ...searchCriteria,
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
    flatten,
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

/** The component fields a Create or Update Component step was given, as the operations take them. */
const componentFields = (params: ComponentFields): ComponentFields => ({
  name: params.name,
  description: params.description,
  categoryId: params.categoryId,
  statusId: params.statusId,
  revisionValue: params.revisionValue,
  eid: params.eid,
});

export const createComponent = action({
  display: {
    label: "Create Component",
    description: `Create a component in the library. ${HUB_COMPONENT_ONLY}`,
  },
  inputs: {
    connection: connectionInput,
    name: newComponentName,
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
    name: changedComponentName,
    ...componentFieldInputs,
    expectedVersion,
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
