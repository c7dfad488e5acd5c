import { DuroClient } from "../client/duroClient";
import { DuroError, invalidInput } from "../client/errors";
import { chunked, Connection, MAX_PAGE_SIZE, Page, PageRequest, toPage } from "../client/pagination";
import { dialectQuery, Operation, perform } from "./dialects";

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

/** Duro Hub picks the library by header; a sandbox (PERSONAL) library is a classic-only idea. */
const refuseHubLibraryType = (libraryType: LibraryType | undefined): void => {
  if (libraryType !== undefined && libraryType !== "GENERAL") {
    throw invalidInput(
      "libraryType",
      "Duro Hub has no PERSONAL (sandbox) library type: leave Library Type at GENERAL and pick the library with the step's Library input or the connection's Library field.",
    );
  }
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
        refuseHubLibraryType(libraryType);
        return { pagination: { first, after } };
      },
      result: (data: { components: { get: { connection: Connection<HubComponent> } } }) => toPage(data.components.get.connection),
    }),
  },
};

/** How many IDs one Get Components by IDs step takes: ten requests of a page each. */
export const MAX_LOOKUP_IDS = 1_000;

export const GET_COMPONENTS_BY_IDS: Operation<{ ids: string[] }, Array<ComponentSummary | HubComponent>> = {
  name: "Get Components by IDs",
  documents: {
    classic: dialectQuery({
      document: /* GraphQL */ `
        query LookUpComponents($ids: [ID]) {
          componentsByIds(ids: $ids) { ...ComponentSummaryFields }
        }
        ${CLASSIC_COMPONENT_SUMMARY}
      `,
      variables: ({ ids }) => ({ ids }),
      result: ({ componentsByIds }: { componentsByIds: Array<ComponentSummary | null> | null }) =>
        (componentsByIds ?? []).filter((component): component is ComponentSummary => component !== null),
    }),
    v2: dialectQuery({
      document: /* GraphQL */ `
        query LookUpComponents($filter: ComponentFilterInput, $pagination: PaginationInput) {
          components {
            get(filter: $filter, pagination: $pagination) {
              connection {
                edges {
                  node { ...HubComponentFields }
                }
              }
            }
          }
        }
        ${HUB_COMPONENT_FIELDS}
      `,
      variables: ({ ids }) => ({ filter: { ids }, pagination: { first: ids.length } }),
      result: (data: { components: { get: { connection: { edges: Array<{ node: HubComponent }> } } } }) =>
        data.components.get.connection.edges.map((edge) => edge.node),
    }),
  },
};

export interface ComponentsByIds<TComponent> {
  /** The components found, in the order their IDs were given. */
  items: TComponent[];
  /** The IDs Duro has no component for, in the order given. */
  missingIds: string[];
}

/**
 * Looks up many components with one request per page (100 IDs), however many IDs there are; the answer keeps the
 * order of `ids` (Duro's own order is not documented) and names the IDs it did not find.
 */
export const lookUpComponentsByIds = async (client: DuroClient, ids: readonly string[]): Promise<ComponentsByIds<ComponentSummary | HubComponent>> => {
  const found = new Map<string, ComponentSummary | HubComponent>();
  for (const run of chunked(ids, MAX_PAGE_SIZE)) {
    for (const component of await perform(client, GET_COMPONENTS_BY_IDS, { ids: run })) found.set(component.id, component);
  }
  return {
    items: ids.flatMap((id) => found.get(id) ?? []),
    missingIds: ids.filter((id) => !found.has(id)),
  };
};

export const MATCH_MODES = ["all", "any"] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

/** What Search Components (and the component picklist) look for; every text is optional. */
export interface ComponentCriteria {
  /** Part of the name. */
  name?: string;
  /** Part of the CPN. */
  cpn?: string;
  /** The status, whole (e.g. PRODUCTION). */
  status?: string;
  /** The category's name, whole (e.g. Electrical). */
  category?: string;
  /** Whether a component must meet every criterion above or any one of them. */
  match: MatchMode;
  /** Duro Hub only: a filter in Duro's own JSON form, combined with the criteria above by "and". */
  filter?: Record<string, unknown>;
}

/** Classic only: which library to search (default GENERAL, the company library). */
export type SearchComponentsArgs = ComponentCriteria & PageRequest & { libraryType?: LibraryType };

/** The criteria as a Duro Hub ComponentFilterInput: documented operators (seed 001), and/or by Match. */
export const hubComponentFilter = ({ name, cpn, status, category, match, filter }: ComponentCriteria): Record<string, unknown> | undefined => {
  const conditions = [
    name === undefined ? [] : [{ name: { contains: name } }],
    cpn === undefined ? [] : [{ cpn: { contains: cpn } }],
    status === undefined ? [] : [{ status: { eq: status } }],
    category === undefined ? [] : [{ category: { name: { eq: category } } }],
  ].flat();
  const simple = conditions.length ? { [match === "all" ? "and" : "or"]: conditions } : undefined;
  return simple && filter ? { and: [filter, simple] } : (simple ?? filter);
};

/** Classic Duro has no filter argument, so its search checks each listed component here, ignoring case. */
const meetsCriteria = ({ name, cpn, status, category, match }: ComponentCriteria) => {
  const has = (value: string | null | undefined, part: string) => (value ?? "").toLowerCase().includes(part.toLowerCase());
  const is = (value: string | null | undefined, whole: string) => (value ?? "").toLowerCase() === whole.toLowerCase();
  return (component: ComponentSummary): boolean => {
    const results = [
      name === undefined ? [] : [has(component.name, name)],
      cpn === undefined ? [] : [has(component.cpn?.displayValue, cpn)],
      status === undefined ? [] : [is(component.status, status)],
      category === undefined ? [] : [is(component.category, category)],
    ].flat();
    return match === "all" ? results.every(Boolean) : results.length === 0 || results.some(Boolean);
  };
};

export const SEARCH_COMPONENTS: Operation<SearchComponentsArgs, Page<ComponentSummary | HubComponent>> = {
  name: "Search Components",
  documents: {
    // No filter argument is documented for classic components: read the library (company by default) and keep what matches.
    classic: dialectQuery({
      document: /* GraphQL */ `
        query SearchComponents($libraryType: LibraryType, $first: Int, $after: String) {
          components(libraryType: $libraryType) {
            connection(first: $first, after: $after) {
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
      variables: ({ filter, libraryType, first, after }) => {
        if (filter) {
          throw invalidInput(
            "filter",
            "classic Duro (Main/MFG, ITAR, EU) has no component filter, so a JSON filter cannot be sent: use Name, CPN, Status and Category (checked by the connector on each page it reads), or a Duro Hub connection.",
          );
        }
        return { libraryType: libraryType ?? "GENERAL", first, after };
      },
      result: (data: { components: { connection: Connection<ComponentSummary> } }, criteria) => {
        const page = toPage(data.components.connection);
        return { ...page, items: page.items.filter(meetsCriteria(criteria)) };
      },
    }),
    // ASSUMED: the filter input types' names (ComponentFilterInput, StringFilterInput); seed 001 shows only their use.
    v2: dialectQuery({
      document: /* GraphQL */ `
        query SearchComponents($filter: ComponentFilterInput, $pagination: PaginationInput) {
          components {
            get(filter: $filter, pagination: $pagination) {
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
      variables: ({ first, after, libraryType, ...criteria }) => {
        refuseHubLibraryType(libraryType);
        return { filter: hubComponentFilter(criteria), pagination: { first, after } };
      },
      result: (data: { components: { get: { connection: Connection<HubComponent> } } }) => toPage(data.components.get.connection),
    }),
  },
};
