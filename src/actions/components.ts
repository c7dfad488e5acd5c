import { action, input } from "@prismatic-io/spectral";
import { stepClient } from "../client/forAction";
import { after, cleanChoice, cleanId, connectionInput, debugRequest, fetchAll, first, library, maxItems } from "../inputs";
import { GET_COMPONENT, LIBRARY_TYPES, LIST_COMPONENTS } from "../operations/components";
import { perform, performList } from "../operations/dialects";

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

export const getComponentById = action({
  display: {
    label: "Get Component by ID",
    description: "Get one component by its Duro ID, with specs, sources, documents, revisions and direct children.",
  },
  inputs: {
    connection: connectionInput,
    componentId: input({
      label: "Component ID",
      type: "string",
      required: true,
      clean: cleanId("componentId", "The component ID"),
      example: "cmp-00001",
      comments: "The component's unique Duro ID (not its CPN). An unknown ID fails with a not-found error naming it.",
    }),
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), GET_COMPONENT, { componentId: params.componentId }),
  }),
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
    libraryType: input({
      label: "Library Type",
      type: "string",
      required: false,
      default: "GENERAL",
      model: [
        { label: "Company (GENERAL)", value: "GENERAL" },
        { label: "Sandbox (PERSONAL)", value: "PERSONAL" },
      ],
      clean: cleanChoice("libraryType", LIBRARY_TYPES),
      comments:
        "Company (GENERAL) holds shared production components; Sandbox (PERSONAL) holds personal or test components. Duro Hub has no sandbox library: keep GENERAL and use Library.",
    }),
    first,
    after,
    fetchAll,
    maxItems,
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
  examplePayload: {
    data: {
      items: [componentSummary],
      pageInfo: { hasNextPage: true, endCursor: "Y3Vyc29yOjA=" },
      totalCount: 54,
      truncated: false,
    },
  },
});
