import { DuroClient } from "../client/duroClient";
import { DuroError } from "../client/errors";
import { Connection, Page, toPage } from "../client/pagination";
import { documentFor, OperationDocuments } from "./dialects";

export const LIBRARY_TYPES = ["GENERAL", "PERSONAL"] as const;
export type LibraryType = (typeof LIBRARY_TYPES)[number];

export interface ComponentSummary {
  id: string;
  cpn: { displayValue: string | null } | null;
  name: string | null;
  description: string | null;
  category: string | null;
  status: string | null;
  revisionValue: string | null;
  workflowState: string | null;
  mass: number | null;
  created: string | null;
  lastModified: string | null;
}

export interface Component extends ComponentSummary {
  archived: boolean | null;
  eid: string | null;
  family: string | null;
  legacyCpn: string | null;
  vendorId: string | null;
  modified: boolean | null;
  imageIds: string[] | null;
  customSpecs: Array<{ key: string | null; specId: string | null; value: string | null }> | null;
  specs: Array<{ key: string | null; value: string | null }> | null;
  documentLinks: unknown[] | null;
  images: unknown[] | null;
  manufacturers: Array<{ name: string | null; description: string | null; mpn: { key: string | null; src: string | null } | null }> | null;
  primarySource: Record<string, string | number | null> | null;
  creator: { id: string; email: string | null; firstName: string | null; lastName: string | null } | null;
  revisionHistory: Array<{ id: string; cpn: { displayValue: string | null } | null; revisionValue: string | null }> | null;
  children: Array<{ component: { id: string } | null }> | null;
}

/** The fields of ComponentSummary, shared by every classic document that returns components. */
const CLASSIC_COMPONENT_SUMMARY = /* GraphQL */ `
  fragment ComponentSummaryFields on Component {
    id
    cpn { displayValue }
    name
    description
    category
    status
    revisionValue
    workflowState
    mass
    created
    lastModified
  }
`;

export const GET_COMPONENTS_BY_IDS: OperationDocuments = {
  name: "Get Components by IDs",
  documents: {
    classic: /* GraphQL */ `
      query GetComponentsByIds($ids: [ID]) {
        componentsByIds(ids: $ids) {
          ...ComponentSummaryFields
          archived
          eid
          family
          legacyCpn
          vendorId
          modified
          imageIds
          customSpecs { key specId value }
          specs { key value }
          documentLinks {
            document { id src name mime archived url }
            specs { status type revision lastModified }
          }
          images { mime creator { email } name src }
          manufacturers { name description mpn { key src } }
          primarySource { dpn distributor manufacturer minQuantity mpn unitPrice }
          creator { id email firstName lastName }
          revisionHistory { id cpn { displayValue } revisionValue }
          children { component { id } }
        }
      }
      ${CLASSIC_COMPONENT_SUMMARY}
    `,
  },
};

export const LIST_COMPONENTS: OperationDocuments = {
  name: "List Components",
  documents: {
    classic: /* GraphQL */ `
      query ListComponents($libraryType: LibraryType, $first: Int, $after: String) {
        components(libraryType: $libraryType) {
          connection(first: $first, after: $after) {
            totalCount
            edges {
              cursor
              node { ...ComponentSummaryFields }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
      ${CLASSIC_COMPONENT_SUMMARY}
    `,
  },
};

export const getComponentById = async (client: DuroClient, componentId: string): Promise<Component> => {
  const { componentsByIds } = await client.request<{ componentsByIds: Array<Component | null> | null }>(
    documentFor(client, GET_COMPONENTS_BY_IDS),
    { ids: [componentId] },
  );
  const component = componentsByIds?.find((candidate) => candidate?.id === componentId);
  if (!component) {
    throw new DuroError(
      "not-found",
      `No component with ID "${componentId}" in Duro. Check the ID (it is the component's id, not its CPN) and that the API key's user can see that library.`,
    );
  }
  return component;
};

export interface ListComponentsArgs {
  libraryType: LibraryType;
  first: number;
  after?: string;
}

export const listComponents = async (client: DuroClient, { libraryType, first, after }: ListComponentsArgs): Promise<Page<ComponentSummary>> => {
  const data = await client.request<{ components: { connection: Connection<ComponentSummary> } }>(documentFor(client, LIST_COMPONENTS), {
    libraryType,
    first,
    after,
  });
  return toPage(data.components.connection);
};
