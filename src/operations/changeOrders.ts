import { DuroError, invalidInput } from "../client/errors";
import { Connection, Page, toPage } from "../client/pagination";
import { dialectQuery, locallyFilteredList, Operation } from "./dialects";
import { Library } from "./libraries";

export const CHANGE_ORDER_TYPES = ["ECO", "MCO", "DCO"] as const;
export type ChangeOrderType = (typeof CHANGE_ORDER_TYPES)[number];

export const CHANGE_ORDER_SORT_FIELDS = ["con", "name", "lastModified"] as const;
export type ChangeOrderSortField = (typeof CHANGE_ORDER_SORT_FIELDS)[number];
/** Duro's own `ChangeOrdersOrderByInput` form: `[{ "name": "asc" }]`. */
export type ChangeOrderOrderBy = Array<Partial<Record<ChangeOrderSortField, "asc" | "desc">>>;

interface Person {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** A change order as the classic dialect returns it on creation. */
export interface ChangeOrder {
  id: string;
  con: { id?: string | null; displayValue: string | null } | null;
  name: string | null;
  type: ChangeOrderType | null;
  description: string | null;
  status: string | null;
  created: string | null;
  creator: Person | null;
}

/** A change order's list fields in the classic dialect: those of creation and its state and last change. */
export interface ChangeOrderSummary extends ChangeOrder {
  resolution: string | null;
  approvalType: string | null;
  lastModified: string | null;
}

/** The fields of ChangeOrderSummary, shared by every classic document that lists change orders. */
export const CLASSIC_CHANGE_ORDER_SUMMARY = /* GraphQL */ `
  fragment ChangeOrderSummaryFields on ChangeOrder {
    id
    con { id displayValue }
    name
    type
    description
    status
    resolution
    approvalType
    created
    lastModified
    creator { id email firstName lastName }
  }
`;

/** A change order as the classic dialect lists it. */
export interface ChangeOrderDetail extends ChangeOrderSummary {
  documentLinks: Array<{ document: Record<string, string | number | null> | null }> | null;
  erpOptions: {
    effectivity: { startDate: string | null; endDate: string | null } | null;
    itemType: { value: string | null } | null;
  } | null;
}

/** Duro Hub's change order statuses; ASSUMED: spelled in upper case in GraphQL (Duro documents them in lower case). */
export const HUB_CHANGE_ORDER_STATUSES = ["DRAFT", "OPEN", "RESOLVED", "CLOSED", "ON_HOLD"] as const;

/**
 * A change order in Duro Hub (v2). Documented: id, name, isValid. ASSUMED (marked in the README): description,
 * status, resolution, createdAt, updatedAt. Duro Hub change orders have no ECO/MCO/DCO type.
 */
export interface HubChangeOrder {
  id: string;
  name: string | null;
  description: string | null;
  /** DRAFT, OPEN, RESOLVED, CLOSED or ON_HOLD. */
  status: string | null;
  /** PENDING, APPROVED, REJECTED or WITHDRAWN. */
  resolution: string | null;
  isValid: boolean | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export const HUB_CHANGE_ORDER_FIELDS = /* GraphQL */ `
  fragment HubChangeOrderFields on ChangeOrder {
    id
    name
    description
    status
    resolution
    isValid
    createdAt
    updatedAt
  }
`;

/** The change order fields read only to be passed on (polling reads createdAt and updatedAt; lookups the id). */
export const HUB_CHANGE_ORDER_PASS_THROUGH = ["name", "description", "status", "resolution", "isValid", "createdAt", "updatedAt"].map((field) => `ChangeOrder.${field}`);

/** A change order in Duro Hub's older shape. */
export type LegacyHubChangeOrder = Pick<HubChangeOrder, "id" | "name" | "isValid" | "createdAt" | "updatedAt">;

export const LEGACY_HUB_CHANGE_ORDER_FIELDS = /* GraphQL */ `
  fragment LegacyHubChangeOrderFields on ChangeOrder {
    id
    name
    isValid
    createdAt
    updatedAt
  }
`;

/** An older-shape change order in the newest shape; what the older shape lacks is null. */
export const fromLegacyChangeOrder = (changeOrder: LegacyHubChangeOrder): HubChangeOrder => ({
  description: null,
  status: null,
  resolution: null,
  ...changeOrder,
});

/** Which change orders a list keeps: every one when both are empty. */
export interface ChangeOrderFilters {
  /** The status, whole (e.g. DRAFT, OPEN); case is ignored on classic Duro. */
  status?: string;
  type?: ChangeOrderType;
}

export interface ListChangeOrdersArgs extends ChangeOrderFilters {
  orderBy?: ChangeOrderOrderBy;
  first: number;
  after?: string;
}

/** Classic Duro documents no change order filter: the connector checks each change order it reads (none to check without filters). */
const meetsFilters = ({ status, type }: ChangeOrderFilters) =>
  status === undefined && type === undefined
    ? undefined
    : (changeOrder: ChangeOrderDetail): boolean =>
        (status === undefined || (changeOrder.status ?? "").toLowerCase() === status.toLowerCase()) && (type === undefined || changeOrder.type === type);

/** A status as Duro Hub's enum value: "on hold", "On_Hold" and "ON_HOLD" are one status. */
const hubStatus = (status: string): string => {
  const value = status.trim().toUpperCase().replace(/[\s-]+/g, "_");
  if (!(HUB_CHANGE_ORDER_STATUSES as readonly string[]).includes(value)) {
    throw invalidInput("status", `Duro Hub change order statuses are ${HUB_CHANGE_ORDER_STATUSES.join(", ")} (any case); got "${status}".`);
  }
  return value;
};

/** ASSUMED: Duro Hub filters change orders on `status` (Duro documents only `ids`); it has no change order type. */
const hubChangeOrderFilter = ({ status, type }: ChangeOrderFilters, spell: (status: string) => string): Record<string, unknown> | undefined => {
  if (type !== undefined) {
    throw invalidInput("type", "Duro Hub change orders have no type (ECO, MCO, DCO are classic Duro's): leave Type empty on a Duro Hub connection.");
  }
  return status === undefined ? undefined : { status: spell(hubStatus(status)) };
};

/** Duro Hub's older filter: `status` and `type` with the older `eq` operator (ASSUMED; the older docs show only `ids`). */
const legacyHubChangeOrderFilter = ({ status, type }: ChangeOrderFilters): Record<string, unknown> | undefined =>
  status === undefined && type === undefined
    ? undefined
    : { ...(status === undefined ? {} : { status: { eq: status } }), ...(type === undefined ? {} : { type: { eq: type } }) };

const noHubOrderBy = (orderBy: ChangeOrderOrderBy | undefined): void => {
  if (orderBy) throw invalidInput("orderBy", "Duro Hub documents no ordering for change orders: leave Order By empty on a Duro Hub connection.");
};

const legacyChangeOrderPage = (connection: Connection<LegacyHubChangeOrder>): Page<HubChangeOrder> => {
  const page = toPage(connection);
  return { ...page, items: page.items.map(fromLegacyChangeOrder) };
};

/** Duro Hub's newest change order list, its status values spelled by `spell`. */
const hubChangeOrderList = (spell: (status: string) => string) =>
  dialectQuery({
    document: /* GraphQL */ `
      query ListChangeOrders($filter: ChangeOrderFilterInput, $pagination: PaginationInput) {
        changeOrders {
          get(filter: $filter, pagination: $pagination) {
            connection {
              edges {
                node { ...HubChangeOrderFields }
              }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
      }
      ${HUB_CHANGE_ORDER_FIELDS}
    `,
    passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
    variables: ({ orderBy, first, after, ...filters }: ListChangeOrdersArgs) => {
      noHubOrderBy(orderBy);
      return { filter: hubChangeOrderFilter(filters, spell), pagination: { first, after } };
    },
    result: (data: { changeOrders: { get: { connection: Connection<HubChangeOrder> } } }) => toPage(data.changeOrders.get.connection),
  });

/**
 * For a Duro Hub whose change order filter has only the documented `ids`: every page as Duro lists it, the status
 * checked here (ignoring case), as on classic Duro, so a page may hold fewer items.
 */
const locallyFilteredHubChangeOrderList = dialectQuery({
  document: /* GraphQL */ `
    query ListChangeOrdersUnfiltered($pagination: PaginationInput) {
      changeOrders {
        get(pagination: $pagination) {
          connection {
            edges {
              node { ...HubChangeOrderFields }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
    }
    ${HUB_CHANGE_ORDER_FIELDS}
  `,
  passThrough: HUB_CHANGE_ORDER_PASS_THROUGH.filter((field) => field !== "ChangeOrder.status"),
  variables: ({ orderBy, first, after, ...filters }: ListChangeOrdersArgs) => {
    noHubOrderBy(orderBy);
    // The same refusals as the filtered form (a type, a status Duro Hub does not have); the filter itself is not sent.
    hubChangeOrderFilter(filters, (status) => status);
    return { pagination: { first, after } };
  },
  result: (data: { changeOrders: { get: { connection: Connection<HubChangeOrder> } } }, { status }: ListChangeOrdersArgs) => {
    const page = toPage(data.changeOrders.get.connection);
    const wanted = status === undefined ? undefined : hubStatus(status);
    return { ...page, items: page.items.filter((changeOrder) => wanted === undefined || (changeOrder.status ?? "").toUpperCase() === wanted) };
  },
});

export const LIST_CHANGE_ORDERS: Operation<ListChangeOrdersArgs, Page<ChangeOrderDetail | HubChangeOrder>> = {
  name: "List Change Orders",
  documents: {
    classic: locallyFilteredList({
      document: /* GraphQL */ `
        query ListChangeOrders($orderBy: [ChangeOrdersOrderByInput], $first: Int, $after: String) {
          changeOrders(orderBy: $orderBy) {
            connection(first: $first, after: $after) {
              edges {
                cursor
                node {
                  ...ChangeOrderSummaryFields
                  documentLinks { document { id size src name url status created } }
                  erpOptions { effectivity { startDate endDate } itemType { value } }
                }
              }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        ${CLASSIC_CHANGE_ORDER_SUMMARY}
      `,
      variables: ({ orderBy, first, after }) => ({ orderBy, first, after }),
      connection: (data: { changeOrders: { connection: Connection<ChangeOrderDetail> } }) => data.changeOrders.connection,
      keeps: meetsFilters,
    }),
    // The GraphQL spelling of the status values is undocumented (Duro documents them in lower case): ASSUMED upper
    // case, else lower case; the same document either way, so the endpoint's schema picks by the value it accepts.
    // Duro documents only `ids` in the filter: an endpoint without `status` there gets the status checked here.
    hub: [
      hubChangeOrderList((status) => status),
      hubChangeOrderList((status) => status.toLowerCase()),
      locallyFilteredHubChangeOrderList,
      dialectQuery({
        document: /* GraphQL */ `
          query ListChangeOrdersLegacy($filter: ChangeOrderFilterInput, $pagination: PaginationInput) {
            changeOrders {
              get(filter: $filter, pagination: $pagination) {
                connection {
                  edges {
                    node { ...LegacyHubChangeOrderFields }
                  }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }
          }
          ${LEGACY_HUB_CHANGE_ORDER_FIELDS}
        `,
        passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
        variables: ({ orderBy, first, after, ...filters }) => {
          noHubOrderBy(orderBy);
          return { filter: legacyHubChangeOrderFilter(filters), pagination: { first, after } };
        },
        result: (data: { changeOrders: { get: { connection: Connection<LegacyHubChangeOrder> } } }) => legacyChangeOrderPage(data.changeOrders.get.connection),
      }),
    ],
  },
};

export interface CreateChangeOrderArgs {
  name: string;
  description?: string;
  type: ChangeOrderType;
}

/** A create mutation that answered without its record: it may or may not have happened, so say to check first. */
export const createdOrFail =
  (operation: string, record: string) =>
  <T>(created: T | null): T => {
    if (!created) {
      throw new DuroError("server", `Duro answered ${operation} without the ${record}. Check in Duro whether it was created before trying again.`);
    }
    return created;
  };

const createdChangeOrder = createdOrFail("Create Change Order", "new change order");

export const CREATE_CHANGE_ORDER: Operation<CreateChangeOrderArgs, ChangeOrder | HubChangeOrder> = {
  name: "Create Change Order",
  documents: {
    classic: dialectQuery({
      document: /* GraphQL */ `
        mutation CreateChangeOrder($input: CreateChangeOrderInput) {
          createChangeOrder(input: $input) {
            id
            con { displayValue }
            name
            description
            status
            type
            created
            creator { id email firstName lastName }
          }
        }
      `,
      nullable: ["createChangeOrder"],
      variables: (input) => ({ input }),
      result: (data: { createChangeOrder: ChangeOrder | null }) => createdChangeOrder(data.createChangeOrder),
    }),
    // The v2 input's fields are not documented. ASSUMED: name and description; the newest shape has no type, so the
    // Type input is not sent there. The older shape took the classic fields (minus libraryId, a header in v2).
    hub: [
      dialectQuery({
        document: /* GraphQL */ `
          mutation CreateChangeOrder($input: CreateChangeOrderInput!) {
            changeOrders {
              create(input: $input) { ...HubChangeOrderFields }
            }
          }
          ${HUB_CHANGE_ORDER_FIELDS}
        `,
        passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
        nullable: ["changeOrders.create"],
        variables: ({ name, description }) => ({ input: { name, description } }),
        result: (data: { changeOrders: { create: HubChangeOrder | null } }) => createdChangeOrder(data.changeOrders.create),
        optionalInputs: { "input.description": "description" },
      }),
      dialectQuery({
        document: /* GraphQL */ `
          mutation CreateChangeOrderLegacy($input: CreateChangeOrderInput!) {
            changeOrders {
              create(input: $input) { ...LegacyHubChangeOrderFields }
            }
          }
          ${LEGACY_HUB_CHANGE_ORDER_FIELDS}
        `,
        passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
        nullable: ["changeOrders.create"],
        variables: (input) => ({ input }),
        result: (data: { changeOrders: { create: LegacyHubChangeOrder | null } }) => fromLegacyChangeOrder(createdChangeOrder(data.changeOrders.create)),
        optionalInputs: { "input.description": "description", "input.type": "type" },
      }),
    ],
  },
};

export interface ValidationResult {
  name: string;
  state: string;
  errorMessage: string | null;
}

export interface ValidationOutcome {
  changeOrderId: string;
  isValid: boolean;
  validationRunId: string;
  state: string;
  summary: { passCount: number; failCount: number; warningCount: number };
  /** Results that block the change order. */
  failures: ValidationResult[];
  /** Results that only warn reviewers. */
  warnings: ValidationResult[];
}

/** A run's results that need attention: failures block the change order, warnings only tell reviewers. */
const failuresAndWarnings = (results: ValidationResult[]): Pick<ValidationOutcome, "failures" | "warnings"> => ({
  failures: results.filter((result) => result.state !== "PASS" && result.state !== "WARNING"),
  warnings: results.filter((result) => result.state === "WARNING"),
});

/** How many results one validation run returns; Duro's own example asks for 50, its history example for 100. */
export const VALIDATION_RESULTS_PAGE = 100;

export const VALIDATE_CHANGE_ORDER: Operation<{ changeOrderId: string }, ValidationOutcome> = {
  name: "Validate Change Order",
  documents: {
    hub: dialectQuery({
      document: /* GraphQL */ `
        mutation ValidateChangeOrder($changeOrderId: ID!, $resultsPage: PaginationInput) {
          changeOrders {
            validate(id: $changeOrderId) {
              id
              isValid
              validationRun {
                id
                state
                summary { passCount failCount warningCount }
                results(pagination: $resultsPage) {
                  edges { node { name state errorMessage } }
                }
              }
            }
          }
        }
      `,
      nullable: ["changeOrders.validate"],
      variables: ({ changeOrderId }) => ({ changeOrderId, resultsPage: { first: VALIDATION_RESULTS_PAGE } }),
      result: (
        data: {
          changeOrders: {
            validate: {
              id: string;
              isValid: boolean;
              validationRun: { id: string; state: string; summary: ValidationOutcome["summary"]; results: { edges: Array<{ node: ValidationResult }> } };
            } | null;
          };
        },
        { changeOrderId },
      ) => {
        const validation = data.changeOrders.validate;
        if (!validation) throw new DuroError("not-found", `No change order with ID "${changeOrderId}" in Duro to validate. Check the ID and the library.`);
        const results = validation.validationRun.results.edges.map((edge) => edge.node);
        return {
          changeOrderId: validation.id,
          isValid: validation.isValid,
          validationRunId: validation.validationRun.id,
          state: validation.validationRun.state,
          summary: validation.validationRun.summary,
          ...failuresAndWarnings(results),
        };
      },
    }),
  },
};

export interface ChangeOrderTemplate {
  id: string;
  name: string;
  config: unknown;
  library: Library | null;
  createdAt: string | null;
}

export const CREATE_CHANGE_ORDER_TEMPLATE: Operation<{ name: string; configYAML: string }, ChangeOrderTemplate> = {
  name: "Create Change Order Template",
  documents: {
    hub: dialectQuery({
      document: /* GraphQL */ `
        mutation CreateTemplate($input: CreateTemplateInput!) {
          changeOrders {
            createTemplate(input: $input) {
              id
              name
              config
              library { id name }
              createdAt
            }
          }
        }
      `,
      nullable: ["changeOrders.createTemplate"],
      variables: (input) => ({ input }),
      result: (data: { changeOrders: { createTemplate: ChangeOrderTemplate | null } }) =>
        createdOrFail("Create Change Order Template", "template")(data.changeOrders.createTemplate),
    }),
  },
};

const changeOrderNotFound = (changeOrderId: string): DuroError =>
  new DuroError("not-found", `No change order with ID "${changeOrderId}" in Duro. Check the ID and the library.`);

/** A lookup by ID: `get(filter: { ids: [id] })` (Duro's documented filter), one item. */
const lookUpById = ({ changeOrderId }: { changeOrderId: string }) => ({ filter: { ids: [changeOrderId] }, pagination: { first: 1 } });

/** The one node a lookup by ID returns, or not-found. */
const onlyNode = <TNode>(connection: { edges: Array<{ node: TNode }> }, changeOrderId: string): TNode => {
  const [edge] = connection.edges;
  if (!edge) throw changeOrderNotFound(changeOrderId);
  return edge.node;
};

// Classic Duro documents no change order lookup by ID (only the list), so these are Duro Hub only.
export const GET_CHANGE_ORDER: Operation<{ changeOrderId: string }, HubChangeOrder> = {
  name: "Get Change Order by ID",
  documents: {
    hub: [
      dialectQuery({
        document: /* GraphQL */ `
          query GetChangeOrder($filter: ChangeOrderFilterInput, $pagination: PaginationInput) {
            changeOrders {
              get(filter: $filter, pagination: $pagination) {
                connection {
                  edges {
                    node { ...HubChangeOrderFields }
                  }
                }
              }
            }
          }
          ${HUB_CHANGE_ORDER_FIELDS}
        `,
        passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
        variables: lookUpById,
        result: (data: { changeOrders: { get: { connection: { edges: Array<{ node: HubChangeOrder }> } } } }, { changeOrderId }) =>
          onlyNode(data.changeOrders.get.connection, changeOrderId),
      }),
      dialectQuery({
        document: /* GraphQL */ `
          query GetChangeOrderLegacy($filter: ChangeOrderFilterInput, $pagination: PaginationInput) {
            changeOrders {
              get(filter: $filter, pagination: $pagination) {
                connection {
                  edges {
                    node { ...LegacyHubChangeOrderFields }
                  }
                }
              }
            }
          }
          ${LEGACY_HUB_CHANGE_ORDER_FIELDS}
        `,
        passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
        variables: lookUpById,
        result: (data: { changeOrders: { get: { connection: { edges: Array<{ node: LegacyHubChangeOrder }> } } } }, { changeOrderId }) =>
          fromLegacyChangeOrder(onlyNode(data.changeOrders.get.connection, changeOrderId)),
      }),
    ],
  },
};

export interface LatestValidation {
  changeOrderId: string;
  name: string | null;
  isValid: boolean | null;
  /** null when the change order was never validated. */
  validationRun:
    | ({
        id: string;
        state: string;
        createdAt: string | null;
        createdBy: { name: string | null } | null;
        summary: ValidationOutcome["summary"];
      } & Pick<ValidationOutcome, "failures" | "warnings">)
    | null;
}

interface HubValidationRun {
  id: string;
  state: string;
  createdAt: string | null;
  createdBy: { name: string | null } | null;
  summary: ValidationOutcome["summary"];
  results: { edges: Array<{ node: ValidationResult }> };
}

export const GET_LATEST_VALIDATION_RUN: Operation<{ changeOrderId: string }, LatestValidation> = {
  name: "Get Latest Validation Run",
  documents: {
    hub: dialectQuery({
      document: /* GraphQL */ `
        query GetLatestValidation($filter: ChangeOrderFilterInput, $pagination: PaginationInput, $resultsPage: PaginationInput) {
          changeOrders {
            get(filter: $filter, pagination: $pagination) {
              connection {
                edges {
                  node {
                    id
                    name
                    isValid
                    latestValidationRun {
                      id
                      state
                      createdAt
                      createdBy { name }
                      summary { passCount failCount warningCount }
                      results(pagination: $resultsPage) {
                        edges { node { name state errorMessage } }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
      variables: ({ changeOrderId }) => ({
        filter: { ids: [changeOrderId] },
        pagination: { first: 1 },
        resultsPage: { first: VALIDATION_RESULTS_PAGE },
      }),
      result: (
        data: {
          changeOrders: {
            get: { connection: { edges: Array<{ node: Pick<HubChangeOrder, "id" | "name" | "isValid"> & { latestValidationRun: HubValidationRun | null } }> } };
          };
        },
        { changeOrderId },
      ) => {
        const { id, name, isValid, latestValidationRun: run } = onlyNode(data.changeOrders.get.connection, changeOrderId);
        return {
          changeOrderId: id,
          name,
          isValid,
          validationRun: run && {
            id: run.id,
            state: run.state,
            createdAt: run.createdAt,
            createdBy: run.createdBy,
            summary: run.summary,
            ...failuresAndWarnings(run.results.edges.map((edge) => edge.node)),
          },
        };
      },
    }),
  },
};
