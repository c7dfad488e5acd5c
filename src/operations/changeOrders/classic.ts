// Change orders in the classic dialect (Main/MFG, ITAR, EU): the list, read whole and filtered here (Duro documents
// no change order filter), and the creation. Classic Duro documents no lookup by ID.
import { Connection } from "../../client/pagination";
import { createdOrFail, dialectQuery, locallyFilteredList } from "../dialects";
import type { ChangeOrderFilters, ChangeOrderType, CreateChangeOrderArgs, ListChangeOrdersArgs } from "./arguments";

interface Person {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** A change order as the classic dialect answers its creation. */
export interface ClassicChangeOrderCreated {
  id: string;
  con: { id?: string | null; displayValue: string | null } | null;
  name: string | null;
  type: ChangeOrderType | null;
  description: string | null;
  status: string | null;
  created: string | null;
  creator: Person | null;
}

/** The fields every classic change order list selects (polling too): those of creation, its state and last change. */
export interface ClassicChangeOrderSummary extends ClassicChangeOrderCreated {
  resolution: string | null;
  approvalType: string | null;
  lastModified: string | null;
}

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

/** A change order as List Change Orders returns it: the summary, its documents and its ERP options. */
export interface ClassicChangeOrderListed extends ClassicChangeOrderSummary {
  documentLinks: Array<{ document: Record<string, string | number | null> | null }> | null;
  erpOptions: {
    effectivity: { startDate: string | null; endDate: string | null } | null;
    itemType: { value: string | null } | null;
  } | null;
}

/** The connector's check of each change order it reads (none to check without filters). */
const meetsFilters = ({ status, type }: ChangeOrderFilters) =>
  status === undefined && type === undefined
    ? undefined
    : (changeOrder: ClassicChangeOrderListed): boolean =>
        (status === undefined || (changeOrder.status ?? "").toLowerCase() === status.toLowerCase()) && (type === undefined || changeOrder.type === type);

export const listChangeOrders = locallyFilteredList({
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
  variables: ({ orderBy, first, after }: ListChangeOrdersArgs) => ({ orderBy, first, after }),
  connection: (data: { changeOrders: { connection: Connection<ClassicChangeOrderListed> } }) => data.changeOrders.connection,
  keeps: meetsFilters,
});

export const createChangeOrder = dialectQuery({
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
  variables: (input: CreateChangeOrderArgs) => ({ input }),
  result: (data: { createChangeOrder: ClassicChangeOrderCreated | null }) => createdOrFail("Create Change Order", "new change order")(data.createChangeOrder),
});
