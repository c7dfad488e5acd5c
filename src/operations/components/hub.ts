// Components on Duro Hub (API v2): the documents of the newest documented shape, the alternative readings of Duro's
// docs where it is unclear (the endpoint's schema picks), and the older shape's, each with the type of what it
// answers; the older shape's answers are mapped to the newest (fromLegacyComponent).
import { DuroError, invalidInput } from "../../client/errors";
import { Connection, Edge, mapPage, nodesOf, Page, PageRequest, toPage } from "../../client/pagination";
import { createdOrFail, dialectQuery } from "../dialects";
import { ComponentCriteria, ComponentFields, componentNotFound, ComponentLookup, ComponentUpdateArgs, LibraryType, ListComponentsArgs, SearchComponentsArgs } from "./arguments";

/**
 * A component as Duro Hub returns it in its newest documented shape, list and lookup alike: status and category are
 * objects, the revision is `revisionValue`, `version` counts saves (Update Component's expectedVersion).
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

/** The older shape's component list, as every older-shape read answers it. */
interface LegacyComponentList {
  components: { get: { connection: Connection<LegacyHubComponent> } };
}

// ---- Get Component by ID

const throwNotFound = (componentId: string): never => {
  throw componentNotFound(componentId);
};

export const getComponent = dialectQuery({
  document: /* GraphQL */ `
    query GetComponent($id: ID!) {
      component {
        findOne(id: $id) { ...HubComponentFields }
      }
    }
    ${HUB_COMPONENT_FIELDS}
  `,
  passThrough: HUB_COMPONENT_PASS_THROUGH,
  nullable: ["component.findOne"],
  variables: ({ componentId }: ComponentLookup) => ({ id: componentId }),
  result: ({ component }: { component: { findOne: HubComponent | null } }, { componentId }) => component.findOne ?? throwNotFound(componentId),
});

export const getComponentLegacy = dialectQuery({
  document: /* GraphQL */ `
    query GetComponentLegacy($id: ID!) {
      components {
        findOne(id: $id) { ...LegacyHubComponentFields }
      }
    }
    ${LEGACY_HUB_COMPONENT_FIELDS}
  `,
  passThrough: HUB_COMPONENT_PASS_THROUGH,
  nullable: ["components.findOne"],
  variables: ({ componentId }: ComponentLookup) => ({ id: componentId }),
  result: ({ components }: { components: { findOne: LegacyHubComponent | null } }, { componentId }) => fromLegacyComponent(components.findOne ?? throwNotFound(componentId)),
});

// ---- List Components

/** Duro Hub picks the library by header; a sandbox (PERSONAL) library is a classic-only idea. */
const refuseHubLibraryType = (libraryType: LibraryType | undefined): void => {
  if (libraryType !== undefined && libraryType !== "GENERAL") {
    throw invalidInput(
      "libraryType",
      "Duro Hub has no PERSONAL (sandbox) library type: leave Library Type at GENERAL and pick the library with the step's Library input or the connection's Library field.",
    );
  }
};

const listVariables = ({ libraryType, first, after }: ListComponentsArgs) => {
  refuseHubLibraryType(libraryType);
  return { pagination: { first, after } };
};

export const listComponents = dialectQuery({
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
  variables: listVariables,
  result: (data: { component: { findAll: Connection<HubComponent> } }) => toPage(data.component.findAll),
});

export const listComponentsLegacy = dialectQuery({
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
  variables: listVariables,
  result: (data: LegacyComponentList) => mapPage(toPage(data.components.get.connection), fromLegacyComponent),
});

// ---- Get Components by IDs

const byIdsVariables = ({ ids }: { ids: string[] }) => ({ filter: { ids }, pagination: { first: ids.length } });

export const getComponentsByIds = dialectQuery({
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
  variables: byIdsVariables,
  result: (data: { component: { findAll: { edges: Array<Edge<HubComponent> | null> } } }) => nodesOf(data.component.findAll.edges),
});

export const getComponentsByIdsLegacy = dialectQuery({
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
  variables: byIdsVariables,
  result: (data: { components: { get: { connection: { edges: Array<Edge<LegacyHubComponent> | null> } } } }) =>
    nodesOf(data.components.get.connection.edges).map(fromLegacyComponent),
});

// ---- Search Components

/** A search's arguments as every Duro Hub variant takes them: a library type other than GENERAL is refused by all. */
const searchArgs = ({ libraryType, ...args }: SearchComponentsArgs): Omit<SearchComponentsArgs, "libraryType"> => {
  refuseHubLibraryType(libraryType);
  return args;
};

/**
 * The criteria as `component.filter`'s and/or lists of ComponentFilterConditionInput (Duro's searching-and-filtering
 * guide): status and category by name with `eq` (documented); name and CPN with `contains` (ASSUMED, marked in the
 * README). The raw filter is one more condition that must hold.
 */
const hubFilterConditions = ({ name, cpn, status, category, match, filter }: ComponentCriteria): { and?: unknown[]; or?: unknown[] } => {
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

/** What a `filter` without pagination answers (Duro's example selects edges and totalCount). */
export interface UnpagedAnswer<TNode> {
  edges: Array<Edge<TNode> | null>;
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
  items: nodesOf(edges),
  pageInfo: { hasNextPage: false, endCursor: null },
  ...(totalCount === undefined ? {} : { totalCount }),
});

// The newest form never names the filter's own input type (undocumented): `and` and `or` go in as lists of the
// documented ComponentFilterConditionInput. Whether `filter` pages is undocumented (Duro's example passes no
// pagination): ASSUMED it takes `pagination`, else the second variant reads every match in one answer.
export const searchComponents = dialectQuery({
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
  variables: (args: SearchComponentsArgs) => {
    const { first, after, ...criteria } = searchArgs(args);
    return { ...hubFilterConditions(criteria), pagination: { first, after } };
  },
  result: (data: { component: { filter: Connection<HubComponent> } }) => toPage(data.component.filter),
});

export const searchComponentsUnpaged = dialectQuery({
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
  variables: (args: SearchComponentsArgs) => {
    const { first, after, ...criteria } = searchArgs(args);
    return { ...hubFilterConditions(criteria), ...unpaged({ first, after }) };
  },
  result: (data: { component: { filter: UnpagedAnswer<HubComponent> } }) => unpagedPage(data.component.filter),
});

export const searchComponentsLegacy = dialectQuery({
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
  variables: (args: SearchComponentsArgs) => {
    const { first, after, ...criteria } = searchArgs(args);
    return { filter: legacyHubComponentFilter(criteria), pagination: { first, after } };
  },
  result: (data: LegacyComponentList) => mapPage(toPage(data.components.get.connection), fromLegacyComponent),
});

// ---- Create and Update Component (newest shape only: the older shape documents no component mutation)

/** A mutation's answer as one component, whether the endpoint returns the list it was given or the one component. */
const firstComponent = (answer: HubComponent | Array<HubComponent | null> | null): HubComponent | null => (Array.isArray(answer) ? (answer[0] ?? null) : answer);

/** What a component mutation answers: the component, or the list of them, or null when it made none. */
type Mutated<TField extends string> = { component: Record<TField, HubComponent | Array<HubComponent | null> | null> };

/** Creation fields a Duro Hub may lack whose absence still leaves the component that was asked for: left out with a warning. */
const optionalComponentFields = (variable: string): Record<string, string> => ({
  [`${variable}.description`]: "description",
  [`${variable}.revisionValue`]: "revisionValue",
  [`${variable}.eid`]: "eid",
});

const createdComponent = createdOrFail("Create Component", "new component");

type NewComponent = ComponentFields & { name: string };

// Duro documents "create one or more components" and the input type, not the argument: ASSUMED (marked in the
// README) a list `inputs` first (a third-party summary's form), else one `input`; the answer as a list or one component.
export const createComponent = dialectQuery({
  document: /* GraphQL */ `
    mutation CreateComponent($inputs: [CreateComponentInput!]!) {
      component {
        create(inputs: $inputs) { ...HubComponentFields }
      }
    }
    ${HUB_COMPONENT_FIELDS}
  `,
  passThrough: HUB_COMPONENT_PASS_THROUGH,
  nullable: ["component.create"],
  optionalInputs: optionalComponentFields("inputs"),
  variables: (input: NewComponent) => ({ inputs: [input] }),
  result: (data: Mutated<"create">) => createdComponent(firstComponent(data.component.create)),
});

export const createComponentOne = dialectQuery({
  document: /* GraphQL */ `
    mutation CreateComponentOne($input: CreateComponentInput!) {
      component {
        create(input: $input) { ...HubComponentFields }
      }
    }
    ${HUB_COMPONENT_FIELDS}
  `,
  passThrough: HUB_COMPONENT_PASS_THROUGH,
  nullable: ["component.create"],
  optionalInputs: optionalComponentFields("input"),
  variables: (input: NewComponent) => ({ input }),
  result: (data: Mutated<"create">) => createdComponent(firstComponent(data.component.create)),
});

const updatedComponent = (data: Mutated<"update">, { componentId }: ComponentUpdateArgs): HubComponent => {
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
    nullable: ["component.update"],
    // No optional inputs: a change left out would leave an update that does not do what was asked.
    variables,
    result: updatedComponent,
  });

// ASSUMED like creation (UpdateComponentInput is documented, its argument and `expectedVersion` only by a third-party
// summary): `update(inputs: [...])` with `id` and `expectedVersion` in each input; else one `input` holding them;
// else `update(id, input)` with expectedVersion in the input, or as an argument of its own. The endpoint's schema
// picks; an endpoint that cannot take expectedVersion fails the step rather than update without the check.
export const updateComponent = [
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
];
