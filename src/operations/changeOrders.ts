import { DuroError, invalidInput } from "../client/errors";
import { Connection, Page, toPage } from "../client/pagination";
import { dialectQuery, Operation } from "./dialects";
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

/** A change order as the classic dialect lists it. */
export interface ChangeOrderDetail extends ChangeOrder {
  resolution: string | null;
  approvalType: string | null;
  lastModified: string | null;
  documentLinks: Array<{ document: Record<string, string | number | null> | null }> | null;
  erpOptions: {
    effectivity: { startDate: string | null; endDate: string | null } | null;
    itemType: { value: string | null } | null;
  } | null;
}

/** A change order in Duro Hub (v2): the seeds document only these fields. */
export interface HubChangeOrder {
  id: string;
  name: string | null;
  isValid: boolean | null;
}

export interface ListChangeOrdersArgs {
  orderBy?: ChangeOrderOrderBy;
  first: number;
  after?: string;
}

export const LIST_CHANGE_ORDERS: Operation<ListChangeOrdersArgs, Page<ChangeOrderDetail | HubChangeOrder>> = {
  name: "List Change Orders",
  documents: {
    classic: dialectQuery({
      document: /* GraphQL */ `
        query ListChangeOrders($orderBy: [ChangeOrdersOrderByInput], $first: Int, $after: String) {
          changeOrders(orderBy: $orderBy) {
            connection(first: $first, after: $after) {
              edges {
                cursor
                node {
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
                  documentLinks { document { id size src name url status created } }
                  erpOptions { effectivity { startDate endDate } itemType { value } }
                }
              }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
      `,
      variables: ({ orderBy, first, after }) => ({ orderBy, first, after }),
      result: (data: { changeOrders: { connection: Connection<ChangeOrderDetail> } }) => toPage(data.changeOrders.connection),
    }),
    v2: dialectQuery({
      document: /* GraphQL */ `
        query ListChangeOrders($pagination: PaginationInput) {
          changeOrders {
            get(pagination: $pagination) {
              connection {
                edges {
                  cursor
                  node { id name isValid }
                }
                pageInfo { hasNextPage endCursor }
              }
            }
          }
        }
      `,
      variables: ({ orderBy, first, after }) => {
        if (orderBy) {
          throw invalidInput("orderBy", "Duro Hub documents no ordering for change orders: leave Order By empty on a Duro Hub connection.");
        }
        return { pagination: { first, after } };
      },
      result: (data: { changeOrders: { get: { connection: Connection<HubChangeOrder> } } }) => toPage(data.changeOrders.get.connection),
    }),
  },
};

export interface CreateChangeOrderArgs {
  name: string;
  description?: string;
  type: ChangeOrderType;
}

/** A create mutation that answered without its record: it may or may not have happened, so say to check first. */
const createdOrFail =
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
      variables: (input) => ({ input }),
      result: (data: { createChangeOrder: ChangeOrder | null }) => createdChangeOrder(data.createChangeOrder),
    }),
    // The v2 input's fields are not documented; the classic ones (minus libraryId, now a header) are assumed.
    v2: dialectQuery({
      document: /* GraphQL */ `
        mutation CreateChangeOrder($input: CreateChangeOrderInput!) {
          changeOrders {
            create(input: $input) { id name isValid }
          }
        }
      `,
      variables: (input) => ({ input }),
      result: (data: { changeOrders: { create: HubChangeOrder | null } }) => createdChangeOrder(data.changeOrders.create),
    }),
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

/** How many results one validation run returns; Duro's own example asks for 50, its history example for 100. */
export const VALIDATION_RESULTS_PAGE = 100;

export const VALIDATE_CHANGE_ORDER: Operation<{ changeOrderId: string }, ValidationOutcome> = {
  name: "Validate Change Order",
  documents: {
    v2: dialectQuery({
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
          failures: results.filter((result) => result.state !== "PASS" && result.state !== "WARNING"),
          warnings: results.filter((result) => result.state === "WARNING"),
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
    v2: dialectQuery({
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
      variables: (input) => ({ input }),
      result: (data: { changeOrders: { createTemplate: ChangeOrderTemplate | null } }) =>
        createdOrFail("Create Change Order Template", "template")(data.changeOrders.createTemplate),
    }),
  },
};
