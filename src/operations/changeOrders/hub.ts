// Change orders in Duro Hub: every read goes through `changeOrders.get(filter, pagination)`; Duro documents only `ids`
// in its filter. The older shape selected fewer fields and filtered with `eq`. Duro Hub change orders have no
// ECO/MCO/DCO type and no ordering.
import { DuroError, invalidInput } from "../../client/errors";
import { Connection, Edge, mapPage, nodesOf, toPage } from "../../client/pagination";
import { createdOrFail, dialectQuery } from "../dialects";
import { Library } from "../libraries";
import type { ChangeOrderFilters, ChangeOrderOrderBy, CreateChangeOrderArgs, ListChangeOrdersArgs } from "./arguments";

/** Duro Hub's change order statuses; ASSUMED: spelled in upper case in GraphQL (Duro documents them in lower case). */
const HUB_CHANGE_ORDER_STATUSES = ["DRAFT", "OPEN", "RESOLVED", "CLOSED", "ON_HOLD"] as const;

/**
 * A change order in Duro Hub. Documented: id, name, isValid. ASSUMED (marked in the README): description, status,
 * resolution, createdAt, updatedAt.
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

const HUB_CHANGE_ORDER_FIELDS = /* GraphQL */ `
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

const LEGACY_HUB_CHANGE_ORDER_FIELDS = /* GraphQL */ `
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

type HubShape = "newest" | "legacy";

const SHAPE_FIELDS: Record<HubShape, { spread: string; fragment: string }> = {
  newest: { spread: "...HubChangeOrderFields", fragment: HUB_CHANGE_ORDER_FIELDS },
  legacy: { spread: "...LegacyHubChangeOrderFields", fragment: LEGACY_HUB_CHANGE_ORDER_FIELDS },
};

/**
 * A query named `operationName` of `changeOrders.get`, each change order with the fields of `shape`: with the filter
 * unless `filtered` is false (for an endpoint whose filter has only the documented `ids`), with pageInfo for a list.
 */
export const changeOrdersGet = (operationName: string, shape: HubShape, { filtered = true, list = true } = {}): string => /* GraphQL */ `
  query ${operationName}(${filtered ? "$filter: ChangeOrderFilterInput, " : ""}$pagination: PaginationInput) {
    changeOrders {
      get(${filtered ? "filter: $filter, " : ""}pagination: $pagination) {
        connection {
          edges {
            node { ${SHAPE_FIELDS[shape].spread} }
          }
          ${list ? "pageInfo { hasNextPage endCursor }" : ""}
        }
      }
    }
  }
  ${SHAPE_FIELDS[shape].fragment}
`;

/** The mutation named `operationName` of `changeOrders.create`, answering with the fields of `shape`. */
const changeOrdersCreate = (operationName: string, shape: HubShape): string => /* GraphQL */ `
  mutation ${operationName}($input: CreateChangeOrderInput!) {
    changeOrders {
      create(input: $input) { ${SHAPE_FIELDS[shape].spread} }
    }
  }
  ${SHAPE_FIELDS[shape].fragment}
`;

/** What `changeOrders.get` answers: a Connection for a list, only its edges for a lookup by ID. */
export interface ChangeOrdersGot<TConnection> {
  changeOrders: { get: { connection: TConnection } };
}

type Edges<TNode> = { edges: Array<Edge<TNode> | null> };

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

/** The newest change order list, its status values spelled by `spell`. */
const filteredList = (spell: (status: string) => string) =>
  dialectQuery({
    document: changeOrdersGet("ListChangeOrders", "newest"),
    passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
    variables: ({ orderBy, first, after, ...filters }: ListChangeOrdersArgs) => {
      noHubOrderBy(orderBy);
      return { filter: hubChangeOrderFilter(filters, spell), pagination: { first, after } };
    },
    result: (data: ChangeOrdersGot<Connection<HubChangeOrder>>) => toPage(data.changeOrders.get.connection),
  });

/**
 * For an endpoint whose change order filter has only the documented `ids`: every page as Duro lists it, the status
 * checked here (ignoring case), as on classic Duro, so a page may hold fewer items.
 */
const locallyCheckedList = dialectQuery({
  document: changeOrdersGet("ListChangeOrdersUnfiltered", "newest", { filtered: false }),
  passThrough: HUB_CHANGE_ORDER_PASS_THROUGH.filter((field) => field !== "ChangeOrder.status"),
  variables: ({ orderBy, first, after, ...filters }: ListChangeOrdersArgs) => {
    noHubOrderBy(orderBy);
    // The same refusals as the filtered form (a type, a status Duro Hub does not have); the filter itself is not sent.
    hubChangeOrderFilter(filters, (status) => status);
    return { pagination: { first, after } };
  },
  result: (data: ChangeOrdersGot<Connection<HubChangeOrder>>, { status }: ListChangeOrdersArgs) => {
    const page = toPage(data.changeOrders.get.connection);
    const wanted = status === undefined ? undefined : hubStatus(status);
    return { ...page, items: page.items.filter((changeOrder) => wanted === undefined || (changeOrder.status ?? "").toUpperCase() === wanted) };
  },
});

// The GraphQL spelling of the status values is undocumented (Duro documents them in lower case): ASSUMED upper case,
// else lower case; the same document either way, so the endpoint's schema picks by the value it accepts. Duro
// documents only `ids` in the filter: an endpoint without `status` there gets the status checked here.
export const listChangeOrders = [
  filteredList((status) => status),
  filteredList((status) => status.toLowerCase()),
  locallyCheckedList,
  dialectQuery({
    document: changeOrdersGet("ListChangeOrdersLegacy", "legacy"),
    passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
    variables: ({ orderBy, first, after, ...filters }: ListChangeOrdersArgs) => {
      noHubOrderBy(orderBy);
      return { filter: legacyHubChangeOrderFilter(filters), pagination: { first, after } };
    },
    result: (data: ChangeOrdersGot<Connection<LegacyHubChangeOrder>>) => mapPage(toPage(data.changeOrders.get.connection), fromLegacyChangeOrder),
  }),
];

const createdChangeOrder = createdOrFail("Create Change Order", "new change order");

// Duro documents no field of the input. ASSUMED: name and description; the newest shape has no type, so the Type
// input is not sent there. The older shape took the classic fields (minus libraryId, the x-library header here).
export const createChangeOrder = [
  dialectQuery({
    document: changeOrdersCreate("CreateChangeOrder", "newest"),
    passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
    nullable: ["changeOrders.create"],
    variables: ({ name, description }: CreateChangeOrderArgs) => ({ input: { name, description } }),
    result: (data: { changeOrders: { create: HubChangeOrder | null } }) => createdChangeOrder(data.changeOrders.create),
    optionalInputs: { "input.description": "description" },
  }),
  dialectQuery({
    document: changeOrdersCreate("CreateChangeOrderLegacy", "legacy"),
    passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
    nullable: ["changeOrders.create"],
    variables: (input: CreateChangeOrderArgs) => ({ input }),
    result: (data: { changeOrders: { create: LegacyHubChangeOrder | null } }) => fromLegacyChangeOrder(createdChangeOrder(data.changeOrders.create)),
    optionalInputs: { "input.description": "description", "input.type": "type" },
  }),
];

const changeOrderNotFound = (changeOrderId: string): DuroError =>
  new DuroError("not-found", `No change order with ID "${changeOrderId}" in Duro. Check the ID and the library.`);

/** A lookup by ID: `get(filter: { ids: [id] })` (Duro's documented filter), one item. */
const lookUpById = ({ changeOrderId }: { changeOrderId: string }) => ({ filter: { ids: [changeOrderId] }, pagination: { first: 1 } });

/** The one node a lookup by ID returns, or not-found. */
const onlyNode = <TNode>(connection: Edges<TNode>, changeOrderId: string): TNode => {
  const [node] = nodesOf(connection.edges);
  if (node === undefined) throw changeOrderNotFound(changeOrderId);
  return node;
};

export const getChangeOrder = [
  dialectQuery({
    document: changeOrdersGet("GetChangeOrder", "newest", { list: false }),
    passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
    variables: lookUpById,
    result: (data: ChangeOrdersGot<Edges<HubChangeOrder>>, { changeOrderId }) => onlyNode(data.changeOrders.get.connection, changeOrderId),
  }),
  dialectQuery({
    document: changeOrdersGet("GetChangeOrderLegacy", "legacy", { list: false }),
    passThrough: HUB_CHANGE_ORDER_PASS_THROUGH,
    variables: lookUpById,
    result: (data: ChangeOrdersGot<Edges<LegacyHubChangeOrder>>, { changeOrderId }) => fromLegacyChangeOrder(onlyNode(data.changeOrders.get.connection, changeOrderId)),
  }),
];

interface ValidationResult {
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
const VALIDATION_RESULTS_PAGE = 100;

type ValidationResults = { edges: Array<Edge<ValidationResult> | null> };

/** A validation run's results; a run without them is Duro's failure, said as such. */
const resultsOf = (run: { id: string; results: ValidationResults | null }): ValidationResult[] => {
  if (run.results === null) {
    throw new DuroError("server", `Duro answered validation run "${run.id}" without its results, so they cannot be reported. Try again; if it persists, report it to Duro support.`);
  }
  return nodesOf(run.results.edges);
};

export const validateChangeOrder = dialectQuery({
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
  variables: ({ changeOrderId }: { changeOrderId: string }) => ({ changeOrderId, resultsPage: { first: VALIDATION_RESULTS_PAGE } }),
  result: (
    data: {
      changeOrders: {
        validate: {
          id: string;
          isValid: boolean;
          /** Below the nullable `validate`, so null where Duro sends it: checked before it is read. */
          validationRun: { id: string; state: string; summary: ValidationOutcome["summary"]; results: ValidationResults | null } | null;
        } | null;
      };
    },
    { changeOrderId },
  ): ValidationOutcome => {
    const validation = data.changeOrders.validate;
    if (!validation) throw new DuroError("not-found", `No change order with ID "${changeOrderId}" in Duro to validate. Check the ID and the library.`);
    const run = validation.validationRun;
    if (run === null) {
      throw new DuroError(
        "server",
        `Duro answered Validate Change Order for "${changeOrderId}" without the validation run's outcome. Read it with Get Latest Validation Run; if it persists, report it to Duro support.`,
      );
    }
    return {
      changeOrderId: validation.id,
      isValid: validation.isValid,
      validationRunId: run.id,
      state: run.state,
      summary: run.summary,
      ...failuresAndWarnings(resultsOf(run)),
    };
  },
});

export interface ChangeOrderTemplate {
  id: string;
  name: string;
  config: unknown;
  library: Library | null;
  createdAt: string | null;
}

export const createChangeOrderTemplate = dialectQuery({
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
  variables: (input: { name: string; configYAML: string }) => ({ input }),
  result: (data: { changeOrders: { createTemplate: ChangeOrderTemplate | null } }) => createdOrFail("Create Change Order Template", "template")(data.changeOrders.createTemplate),
});

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
  /** Inside the change order list, so null where Duro sends it: resultsOf says so. */
  results: ValidationResults | null;
}

export const getLatestValidationRun = dialectQuery({
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
  variables: (args: { changeOrderId: string }) => ({ ...lookUpById(args), resultsPage: { first: VALIDATION_RESULTS_PAGE } }),
  result: (
    data: ChangeOrdersGot<Edges<Pick<HubChangeOrder, "id" | "name" | "isValid"> & { latestValidationRun: HubValidationRun | null }>>,
    { changeOrderId },
  ): LatestValidation => {
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
        ...failuresAndWarnings(resultsOf(run)),
      },
    };
  },
});
