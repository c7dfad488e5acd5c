import { DuroClient } from "../client/duroClient";
import { DuroError, invalidInput } from "../client/errors";
import { chunked, Connection, MAX_PAGE_SIZE, Page, PageRequest, toPage } from "../client/pagination";
import { createdOrFail } from "./changeOrders";
import { dialectQuery, locallyFilteredList, Operation, perform } from "./dialects";

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

/**
 * A component as Duro Hub (v2) returns it in its newest documented shape, list and lookup alike: status and
 * category are objects, the revision is `revisionValue`, `version` counts saves (Update Component's expectedVersion).
 */
export interface HubComponent {
  id: string;
  cpn: string | null;
  name: string | null;
  description: string | null;
  eid: string | null;
  status: { id: string | null; name: string | null } | null;
  revisionValue: string | null;
  category: { id: string | null; name: string | null; type: string | null } | null;
  /** RELEASED or MODIFIED. */
  state: string | null;
  version: number | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export const HUB_COMPONENT_FIELDS = /* GraphQL */ `
  fragment HubComponentFields on Component {
    id
    cpn
    name
    description
    eid
    status { id name }
    revisionValue
    category { id name type }
    state
    version
    createdAt
    updatedAt
  }
`;

/**
 * The component fields read only to be passed on: an endpoint that lacks one (or has it in another form, e.g. a
 * scalar status) still answers, without it. Also the category's type (the only `type` these documents select) and a
 * list's totalCount, on whatever types the endpoint names them. Polling reads createdAt and updatedAt.
 */
export const HUB_COMPONENT_PASS_THROUGH = [
  ...["cpn", "name", "description", "eid", "status", "revisionValue", "revision", "category", "state", "version", "createdAt", "updatedAt"].map((field) => `Component.${field}`),
  "*.type",
  "*.totalCount",
];

/** Creation fields a Duro Hub may lack whose absence still leaves the component that was asked for: left out with a warning. */
const optionalComponentFields = (variable: string): Record<string, string> => ({
  [`${variable}.description`]: "description",
  [`${variable}.revisionValue`]: "revisionValue",
  [`${variable}.eid`]: "eid",
});

/** A component in Duro Hub's older shape (scalar status, `revision`, category without type or id). */
export interface LegacyHubComponent {
  id: string;
  cpn: string | null;
  name: string | null;
  description: string | null;
  revision: string | null;
  status: string | null;
  category: { name: string | null } | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export const LEGACY_HUB_COMPONENT_FIELDS = /* GraphQL */ `
  fragment LegacyHubComponentFields on Component {
    id
    cpn
    name
    description
    revision
    status
    category { name }
    createdAt
    updatedAt
  }
`;

/** An older-shape component in the newest shape, so a flow gets the same fields from either endpoint; what the older shape lacks is null. */
export const fromLegacyComponent = ({ revision, status, category, ...same }: LegacyHubComponent): HubComponent => ({
  ...same,
  eid: null,
  // Left out where the endpoint lacks them (pass-through), hence `== null`.
  status: status == null ? null : { id: null, name: status },
  revisionValue: revision ?? null,
  category: category == null ? null : { id: null, name: category.name ?? null, type: null },
  state: null,
  version: null,
});

const componentNotFound = (componentId: string): DuroError =>
  new DuroError(
    "not-found",
    `No component with ID "${componentId}" in Duro. Check the ID (it is the component's id, not its CPN) and that the API key's user can see that library.`,
  );

const throwNotFound = (componentId: string): never => {
  throw componentNotFound(componentId);
};

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
    hub: [
      dialectQuery({
        document: /* GraphQL */ `
          query GetComponent($id: ID!) {
            component {
              findOne(id: $id) { ...HubComponentFields }
            }
          }
          ${HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        variables: ({ componentId }) => ({ id: componentId }),
        result: ({ component }: { component: { findOne: HubComponent | null } }, { componentId }) => component.findOne ?? throwNotFound(componentId),
      }),
      dialectQuery({
        document: /* GraphQL */ `
          query GetComponentLegacy($id: ID!) {
            components {
              findOne(id: $id) { ...LegacyHubComponentFields }
            }
          }
          ${LEGACY_HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        variables: ({ componentId }) => ({ id: componentId }),
        result: ({ components }: { components: { findOne: LegacyHubComponent | null } }, { componentId }) =>
          fromLegacyComponent(components.findOne ?? throwNotFound(componentId)),
      }),
    ],
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

const hubListVariables = ({ libraryType, first, after }: ListComponentsArgs) => {
  refuseHubLibraryType(libraryType);
  return { pagination: { first, after } };
};

const legacyPage = (connection: Connection<LegacyHubComponent>): Page<HubComponent> => {
  const page = toPage(connection);
  return { ...page, items: page.items.map(fromLegacyComponent) };
};

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
    hub: [
      dialectQuery({
        document: /* GraphQL */ `
          query ListComponents($pagination: PaginationInput) {
            component {
              findAll(pagination: $pagination) {
                totalCount
                edges {
                  node { ...HubComponentFields }
                }
                pageInfo { hasNextPage endCursor }
              }
            }
          }
          ${HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        variables: hubListVariables,
        result: (data: { component: { findAll: Connection<HubComponent> } }) => toPage(data.component.findAll),
      }),
      dialectQuery({
        document: /* GraphQL */ `
          query ListComponentsLegacy($pagination: PaginationInput) {
            components {
              get(pagination: $pagination) {
                connection {
                  totalCount
                  edges {
                    node { ...LegacyHubComponentFields }
                  }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }
          }
          ${LEGACY_HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        variables: hubListVariables,
        result: (data: { components: { get: { connection: Connection<LegacyHubComponent> } } }) => legacyPage(data.components.get.connection),
      }),
    ],
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
    hub: [
      dialectQuery({
        document: /* GraphQL */ `
          query LookUpComponents($filter: ComponentFilterInput, $pagination: PaginationInput) {
            component {
              findAll(filter: $filter, pagination: $pagination) {
                edges {
                  node { ...HubComponentFields }
                }
              }
            }
          }
          ${HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        variables: ({ ids }) => ({ filter: { ids }, pagination: { first: ids.length } }),
        result: (data: { component: { findAll: { edges: Array<{ node: HubComponent }> } } }) => data.component.findAll.edges.map((edge) => edge.node),
      }),
      dialectQuery({
        document: /* GraphQL */ `
          query LookUpComponentsLegacy($filter: ComponentFilterInput, $pagination: PaginationInput) {
            components {
              get(filter: $filter, pagination: $pagination) {
                connection {
                  edges {
                    node { ...LegacyHubComponentFields }
                  }
                }
              }
            }
          }
          ${LEGACY_HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        variables: ({ ids }) => ({ filter: { ids }, pagination: { first: ids.length } }),
        result: (data: { components: { get: { connection: { edges: Array<{ node: LegacyHubComponent }> } } } }) =>
          data.components.get.connection.edges.map((edge) => fromLegacyComponent(edge.node)),
      }),
    ],
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
  /** Duro Hub only: one ComponentFilterConditionInput in Duro's own JSON form, combined with the criteria above by "and". */
  filter?: Record<string, unknown>;
}

/** Classic only: which library to search (default GENERAL, the company library). */
export type SearchComponentsArgs = ComponentCriteria & PageRequest & { libraryType?: LibraryType };

/** A search's arguments as every Duro Hub variant takes them: a library type other than GENERAL is refused by all. */
const hubSearchArgs = ({ libraryType, ...args }: SearchComponentsArgs): Omit<SearchComponentsArgs, "libraryType"> => {
  refuseHubLibraryType(libraryType);
  return args;
};

/**
 * The criteria as `component.filter`'s and/or lists of ComponentFilterConditionInput (Duro's searching-and-filtering
 * guide): status and category by name with `eq` (documented); name and CPN with `contains` (ASSUMED, marked in the
 * README). The raw filter is one more condition that must hold.
 */
export const hubFilterConditions = ({ name, cpn, status, category, match, filter }: ComponentCriteria): { and?: unknown[]; or?: unknown[] } => {
  const conditions = [
    name === undefined ? [] : [{ name: { contains: name } }],
    cpn === undefined ? [] : [{ cpn: { contains: cpn } }],
    status === undefined ? [] : [{ status: { name: { eq: status } } }],
    category === undefined ? [] : [{ category: { name: { eq: category } } }],
  ].flat();
  const required = filter ? [filter] : [];
  if (match === "all") return { and: [...required, ...conditions] };
  return { and: required, ...(conditions.length ? { or: conditions } : {}) };
};

/** The criteria as Duro Hub's older ComponentFilterInput: its operators, and/or by Match. */
const legacyHubComponentFilter = ({ name, cpn, status, category, match, filter }: ComponentCriteria): Record<string, unknown> | undefined => {
  const conditions = [
    name === undefined ? [] : [{ name: { contains: name } }],
    cpn === undefined ? [] : [{ cpn: { contains: cpn } }],
    status === undefined ? [] : [{ status: { eq: status } }],
    category === undefined ? [] : [{ category: { name: { eq: category } } }],
  ].flat();
  const simple = conditions.length ? { [match === "all" ? "and" : "or"]: conditions } : undefined;
  return simple && filter ? { and: [filter, simple] } : (simple ?? filter);
};

/**
 * Classic Duro has no filter argument, so its search checks each listed component here, ignoring case; undefined
 * when no criterion is given (every component matches).
 */
const meetsCriteria = ({ name, cpn, status, category, match }: ComponentCriteria) => {
  const has = (value: string | null | undefined, part: string) => (value ?? "").toLowerCase().includes(part.toLowerCase());
  const is = (value: string | null | undefined, whole: string) => (value ?? "").toLowerCase() === whole.toLowerCase();
  const tests = [
    name === undefined ? [] : [(component: ComponentSummary) => has(component.name, name)],
    cpn === undefined ? [] : [(component: ComponentSummary) => has(component.cpn?.displayValue, cpn)],
    status === undefined ? [] : [(component: ComponentSummary) => is(component.status, status)],
    category === undefined ? [] : [(component: ComponentSummary) => is(component.category, category)],
  ].flat();
  if (tests.length === 0) return undefined;
  return (component: ComponentSummary): boolean => (match === "all" ? tests.every((test) => test(component)) : tests.some((test) => test(component)));
};

/** What a `filter` without pagination answers (Duro's example selects edges and totalCount). */
export interface UnpagedAnswer<TNode> {
  edges: Array<{ node: TNode }>;
  totalCount?: number;
}

/** A filter without pagination answers every match at once: there is no later page to continue from. */
export const unpaged = ({ after }: PageRequest): Record<string, never> => {
  if (after !== undefined) {
    throw invalidInput("after", "this Duro Hub endpoint's component filter takes no pagination, so a search cannot continue from a cursor: leave After empty (the first page holds every match).");
  }
  return {};
};

export const unpagedPage = <TNode>({ edges, totalCount }: UnpagedAnswer<TNode>): Page<TNode> => ({
  items: edges.map((edge) => edge.node),
  pageInfo: { hasNextPage: false, endCursor: null },
  ...(totalCount === undefined ? {} : { totalCount }),
});

export const SEARCH_COMPONENTS: Operation<SearchComponentsArgs, Page<ComponentSummary | HubComponent>> = {
  name: "Search Components",
  documents: {
    // No filter argument is documented for classic components: read the library (company by default) and keep what matches.
    classic: locallyFilteredList({
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
      connection: (data: { components: { connection: Connection<ComponentSummary> } }) => data.components.connection,
      keeps: meetsCriteria,
    }),
    // The newest form never names the filter's own input type (undocumented): `and` and `or` go in as lists of the
    // documented ComponentFilterConditionInput. Whether `filter` pages is undocumented (Duro's example passes no
    // pagination): ASSUMED it takes `pagination`, else the second variant reads every match in one answer.
    hub: [
      dialectQuery({
        document: /* GraphQL */ `
          query SearchComponents($and: [ComponentFilterConditionInput!], $or: [ComponentFilterConditionInput!], $pagination: PaginationInput) {
            component {
              filter(input: { and: $and, or: $or }, pagination: $pagination) {
                totalCount
                edges {
                  node { ...HubComponentFields }
                }
                pageInfo { hasNextPage endCursor }
              }
            }
          }
          ${HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        variables: (args) => {
          const { first, after, ...criteria } = hubSearchArgs(args);
          return { ...hubFilterConditions(criteria), pagination: { first, after } };
        },
        result: (data: { component: { filter: Connection<HubComponent> } }) => toPage(data.component.filter),
      }),
      dialectQuery({
        document: /* GraphQL */ `
          query SearchComponentsUnpaged($and: [ComponentFilterConditionInput!], $or: [ComponentFilterConditionInput!]) {
            component {
              filter(input: { and: $and, or: $or }) {
                totalCount
                edges {
                  node { ...HubComponentFields }
                }
              }
            }
          }
          ${HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        variables: (args) => {
          const { first, after, ...criteria } = hubSearchArgs(args);
          return { ...hubFilterConditions(criteria), ...unpaged({ first, after }) };
        },
        result: (data: { component: { filter: UnpagedAnswer<HubComponent> } }) => unpagedPage(data.component.filter),
      }),
      dialectQuery({
        document: /* GraphQL */ `
          query SearchComponentsLegacy($filter: ComponentFilterInput, $pagination: PaginationInput) {
            components {
              get(filter: $filter, pagination: $pagination) {
                connection {
                  totalCount
                  edges {
                    node { ...LegacyHubComponentFields }
                  }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }
          }
          ${LEGACY_HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        variables: (args) => {
          const { first, after, ...criteria } = hubSearchArgs(args);
          return { filter: legacyHubComponentFilter(criteria), pagination: { first, after } };
        },
        result: (data: { components: { get: { connection: Connection<LegacyHubComponent> } } }) => legacyPage(data.components.get.connection),
      }),
    ],
  },
};

/** The fields Create and Update Component set (Duro's CreateComponentInput); what is not given is not sent. */
export interface ComponentFields {
  name?: string;
  description?: string;
  categoryId?: string;
  statusId?: string;
  revisionValue?: string;
  /** The external ID, e.g. the ERP's. */
  eid?: string;
}

const createdComponent = createdOrFail("Create Component", "new component");

/** A mutation's answer as one component, whether the endpoint returns the list it was given or the one component. */
const firstComponent = (answer: HubComponent | HubComponent[] | null | undefined): HubComponent | null => (Array.isArray(answer) ? (answer[0] ?? null) : (answer ?? null));

// Duro Hub only, newest shape only: classic Duro and Duro Hub's older shape document no component mutation. Duro
// documents "create one or more components" and the input type, not the argument: ASSUMED (marked in the README) a
// list `inputs` first (a third-party summary's form), else one `input`; the answer as a list or one component.
export const CREATE_COMPONENT: Operation<ComponentFields & { name: string }, HubComponent> = {
  name: "Create Component",
  documents: {
    hub: [
      dialectQuery({
        document: /* GraphQL */ `
          mutation CreateComponent($inputs: [CreateComponentInput!]!) {
            component {
              create(inputs: $inputs) { ...HubComponentFields }
            }
          }
          ${HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        optionalInputs: optionalComponentFields("inputs"),
        variables: (input) => ({ inputs: [input] }),
        result: (data: { component: { create: HubComponent | HubComponent[] | null } }) => createdComponent(firstComponent(data.component.create)),
      }),
      dialectQuery({
        document: /* GraphQL */ `
          mutation CreateComponentOne($input: CreateComponentInput!) {
            component {
              create(input: $input) { ...HubComponentFields }
            }
          }
          ${HUB_COMPONENT_FIELDS}
        `,
        passThrough: HUB_COMPONENT_PASS_THROUGH,
        optionalInputs: optionalComponentFields("input"),
        variables: (input) => ({ input }),
        result: (data: { component: { create: HubComponent | HubComponent[] | null } }) => createdComponent(firstComponent(data.component.create)),
      }),
    ],
  },
};

export interface ComponentUpdateArgs {
  componentId: string;
  /** Update only if the component is still at this version (optimistic concurrency). */
  expectedVersion?: number;
  changes: ComponentFields;
}

const updatedComponent = (data: { component: { update: HubComponent | HubComponent[] | null } }, { componentId }: ComponentUpdateArgs): HubComponent => {
  const updated = firstComponent(data.component.update);
  if (!updated) {
    throw new DuroError(
      "server",
      `Duro answered Update Component without component "${componentId}". Read it (Get Component by ID) to see whether the change was made before trying again.`,
    );
  }
  return updated;
};

/** One update mutation form: its variables declaration, its arguments, and the variables it takes. */
const updateVariant = (name: string, declarations: string, argumentList: string, variables: (args: ComponentUpdateArgs) => Record<string, unknown>) =>
  dialectQuery({
    document: /* GraphQL */ `
      mutation ${name}(${declarations}) {
        component {
          update(${argumentList}) { ...HubComponentFields }
        }
      }
      ${HUB_COMPONENT_FIELDS}
    `,
    passThrough: HUB_COMPONENT_PASS_THROUGH,
    // No optional inputs: a change left out would leave an update that does not do what was asked.
    variables,
    result: updatedComponent,
  });

// ASSUMED like creation (UpdateComponentInput is documented, its argument and `expectedVersion` only by a third-party
// summary): `update(inputs: [...])` with `id` and `expectedVersion` in each input; else one `input` holding them;
// else `update(id, input)` with expectedVersion in the input, or as an argument of its own. The endpoint's schema
// picks; an endpoint that cannot take expectedVersion fails the step rather than update without the check.
export const UPDATE_COMPONENT: Operation<ComponentUpdateArgs, HubComponent> = {
  name: "Update Component",
  documents: {
    hub: [
      updateVariant("UpdateComponent", "$inputs: [UpdateComponentInput!]!", "inputs: $inputs", ({ componentId, expectedVersion, changes }) => ({
        inputs: [{ id: componentId, expectedVersion, ...changes }],
      })),
      updateVariant("UpdateComponentOne", "$input: UpdateComponentInput!", "input: $input", ({ componentId, expectedVersion, changes }) => ({
        input: { id: componentId, expectedVersion, ...changes },
      })),
      updateVariant("UpdateComponentById", "$id: ID!, $input: UpdateComponentInput!", "id: $id, input: $input", ({ componentId, expectedVersion, changes }) => ({
        id: componentId,
        input: { expectedVersion, ...changes },
      })),
      updateVariant(
        "UpdateComponentAtVersion",
        "$id: ID!, $input: UpdateComponentInput!, $expectedVersion: Int",
        "id: $id, input: $input, expectedVersion: $expectedVersion",
        ({ componentId, expectedVersion, changes }) => ({ id: componentId, input: changes, expectedVersion }),
      ),
    ],
  },
};

const CHANGEABLE_FIELDS = "Name, Description, Category ID, Status ID, Revision or External ID";

/** Duro's answer to an update whose expectedVersion no longer matches; its error code is undocumented, so the message counts too. */
const isVersionConflict = (error: unknown): error is DuroError =>
  error instanceof DuroError &&
  error.kind === "graphql" &&
  (error.graphqlErrors ?? []).some(
    ({ code, message }) => code === "VERSION_CONFLICT" || code === "CONFLICT" || (/version/i.test(message) && /conflict|mismatch|expected|stale|outdated/i.test(message)),
  );

/**
 * Updates a Duro Hub component. Nothing to change fails before sending; a version conflict (another change since the
 * flow read the component) fails as invalid `expectedVersion`, telling the user to read the component again.
 */
export const updateComponent = async (client: DuroClient, args: ComponentUpdateArgs): Promise<HubComponent> => {
  if (Object.values(args.changes).every((value) => value === undefined)) {
    throw invalidInput("componentId", `nothing to change on component "${args.componentId}": give at least one of ${CHANGEABLE_FIELDS}. Nothing was sent.`);
  }
  try {
    return await perform(client, UPDATE_COMPONENT, args);
  } catch (error) {
    if (args.expectedVersion === undefined || !isVersionConflict(error)) throw error;
    const said = (error.graphqlErrors ?? []).map(({ message }) => message).join("; ");
    throw new DuroError(
      "invalid-input",
      `Invalid input "expectedVersion": component "${args.componentId}" changed since it was read (it is no longer at version ${args.expectedVersion}), so Duro updated nothing. Read the component again (Get Component by ID), check its current values, and run the update with its current version as Expected Version. Duro said: ${said}`,
      { input: "expectedVersion", operation: error.operation, status: error.status, graphqlErrors: error.graphqlErrors, cause: error },
    );
  }
};
