import { DuroError, invalidInput } from "../client/errors";
import { Connection, Page, toPage } from "../client/pagination";
import { dialectQuery, Operation } from "./dialects";

export const LIBRARY_TYPES = ["GENERAL", "PERSONAL"] as const;
export type LibraryType = (typeof LIBRARY_TYPES)[number];

/** A component as the classic dialect lists it. */
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

/** A component in full, classic dialect. */
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
export const CLASSIC_COMPONENT_SUMMARY = /* GraphQL */ `
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

/** A component as Duro Hub (v2) returns it, list and lookup alike. */
export interface HubComponent {
  id: string;
  cpn: string | null;
  name: string | null;
  description: string | null;
  revision: string | null;
  status: string | null;
  category: { name: string | null; code: string | null } | null;
  sources: Array<{ manufacturer: string | null; mpn: string | null }> | null;
  specs: Array<{ name: string | null; value: string | null; unit: string | null }> | null;
}

export const HUB_COMPONENT_FIELDS = /* GraphQL */ `
  fragment HubComponentFields on Component {
    id
    cpn
    name
    description
    revision
    status
    category { name code }
    sources { manufacturer mpn }
    specs { name value unit }
  }
`;

const componentNotFound = (componentId: string): DuroError =>
  new DuroError(
    "not-found",
    `No component with ID "${componentId}" in Duro. Check the ID (it is the component's id, not its CPN) and that the API key's user can see that library.`,
  );

export interface ComponentLookup {
  componentId: string;
}

export const GET_COMPONENT: Operation<ComponentLookup, Component | HubComponent> = {
  name: "Get Component by ID",
  documents: {
    classic: dialectQuery({
      document: /* GraphQL */ `
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
      variables: ({ componentId }) => ({ ids: [componentId] }),
      result: ({ componentsByIds }: { componentsByIds: Array<Component | null> | null }, { componentId }) => {
        const component = componentsByIds?.find((candidate) => candidate?.id === componentId);
        if (!component) throw componentNotFound(componentId);
        return component;
      },
    }),
    v2: dialectQuery({
      document: /* GraphQL */ `
        query GetComponent($id: ID!) {
          components {
            findOne(id: $id) { ...HubComponentFields }
          }
        }
        ${HUB_COMPONENT_FIELDS}
      `,
      variables: ({ componentId }) => ({ id: componentId }),
      result: ({ components }: { components: { findOne: HubComponent | null } }, { componentId }) => {
        if (!components.findOne) throw componentNotFound(componentId);
        return components.findOne;
      },
    }),
  },
};

export interface ListComponentsArgs {
  libraryType: LibraryType;
  first: number;
  after?: string;
}

export const LIST_COMPONENTS: Operation<ListComponentsArgs, Page<ComponentSummary | HubComponent>> = {
  name: "List Components",
  documents: {
    classic: dialectQuery({
      document: /* GraphQL */ `
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
      variables: ({ libraryType, first, after }) => ({ libraryType, first, after }),
      result: (data: { components: { connection: Connection<ComponentSummary> } }) => toPage(data.components.connection),
    }),
    v2: dialectQuery({
      document: /* GraphQL */ `
        query ListComponents($pagination: PaginationInput) {
          components {
            get(pagination: $pagination) {
              connection {
                totalCount
                edges {
                  cursor
                  node { ...HubComponentFields }
                }
                pageInfo { hasNextPage endCursor }
              }
            }
          }
        }
        ${HUB_COMPONENT_FIELDS}
      `,
      variables: ({ libraryType, first, after }) => {
        // Duro Hub picks the library by header; a sandbox (PERSONAL) library is a classic-only idea.
        if (libraryType !== "GENERAL") {
          throw invalidInput(
            "libraryType",
            "Duro Hub has no PERSONAL (sandbox) library type: leave Library Type at GENERAL and pick the library with the step's Library input or the connection's Library field.",
          );
        }
        return { pagination: { first, after } };
      },
      result: (data: { components: { get: { connection: Connection<HubComponent> } } }) => toPage(data.components.get.connection),
    }),
  },
};
