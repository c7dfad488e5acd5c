// Change order operations: each picks its documents from classic.ts and hub.ts. Classic Duro documents no lookup by
// ID, validation or templates, so those are Duro Hub only.
import { Page } from "../../client/pagination";
import { Operation } from "../dialects";
import * as classic from "./classic";
import { ChangeOrderOrderBy, ChangeOrderType, ClassicChangeOrderCreated, ClassicChangeOrderListed } from "./classic";
import * as hub from "./hub";
import { ChangeOrderTemplate, HubChangeOrder, LatestValidation, ValidationOutcome } from "./hub";

// What the change order actions and picklist read besides the operations.
export { CHANGE_ORDER_SORT_FIELDS, CHANGE_ORDER_TYPES } from "./classic";
export type { HubChangeOrder } from "./hub";

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

export interface CreateChangeOrderArgs {
  name: string;
  description?: string;
  type: ChangeOrderType;
}

export const LIST_CHANGE_ORDERS: Operation<ListChangeOrdersArgs, Page<ClassicChangeOrderListed | HubChangeOrder>> = {
  name: "List Change Orders",
  documents: { classic: classic.listChangeOrders, hub: hub.listChangeOrders },
};

export const CREATE_CHANGE_ORDER: Operation<CreateChangeOrderArgs, ClassicChangeOrderCreated | HubChangeOrder> = {
  name: "Create Change Order",
  documents: { classic: classic.createChangeOrder, hub: hub.createChangeOrder },
};

export const VALIDATE_CHANGE_ORDER: Operation<{ changeOrderId: string }, ValidationOutcome> = {
  name: "Validate Change Order",
  documents: { hub: hub.validateChangeOrder },
};

export const CREATE_CHANGE_ORDER_TEMPLATE: Operation<{ name: string; configYAML: string }, ChangeOrderTemplate> = {
  name: "Create Change Order Template",
  documents: { hub: hub.createChangeOrderTemplate },
};

export const GET_CHANGE_ORDER: Operation<{ changeOrderId: string }, HubChangeOrder> = {
  name: "Get Change Order by ID",
  documents: { hub: hub.getChangeOrder },
};

export const GET_LATEST_VALIDATION_RUN: Operation<{ changeOrderId: string }, LatestValidation> = {
  name: "Get Latest Validation Run",
  documents: { hub: hub.getLatestValidationRun },
};
