import { DuroClient } from "../client/duroClient";
import { Connection, Page, toPage } from "../client/pagination";
import { documentFor, OperationDocuments } from "./dialects";

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

export const LIST_CHANGE_ORDERS: OperationDocuments = {
  name: "List Change Orders",
  documents: {
    classic: /* GraphQL */ `
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
  },
};

export const CREATE_CHANGE_ORDER: OperationDocuments = {
  name: "Create Change Order",
  documents: {
    classic: /* GraphQL */ `
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
  },
};

export interface ListChangeOrdersArgs {
  orderBy?: ChangeOrderOrderBy;
  first: number;
  after?: string;
}

export const listChangeOrders = async (client: DuroClient, { orderBy, first, after }: ListChangeOrdersArgs): Promise<Page<ChangeOrderDetail>> => {
  const data = await client.request<{ changeOrders: { connection: Connection<ChangeOrderDetail> } }>(
    documentFor(client, LIST_CHANGE_ORDERS),
    { orderBy, first, after },
  );
  return toPage(data.changeOrders.connection);
};

export interface CreateChangeOrderArgs {
  name: string;
  description?: string;
  type: ChangeOrderType;
}

export const createChangeOrder = async (client: DuroClient, input: CreateChangeOrderArgs): Promise<ChangeOrder> => {
  const data = await client.request<{ createChangeOrder: ChangeOrder }>(documentFor(client, CREATE_CHANGE_ORDER), { input });
  return data.createChangeOrder;
};
