// Change order operations: each picks its documents from classic.ts and hub.ts. Classic Duro documents no lookup by
// ID, validation or templates, so those are Duro Hub only.
import { Page } from "../../client/pagination";
import { Operation } from "../dialects";
import * as classic from "./classic";
import { CreateChangeOrderArgs, ListChangeOrdersArgs } from "./arguments";
import { ClassicChangeOrderCreated, ClassicChangeOrderListed } from "./classic";
import * as hub from "./hub";
import { ChangeOrderTemplate, HubChangeOrder, LatestValidation, ValidationOutcome } from "./hub";

// What the change order actions and picklist read besides the operations.
export { CHANGE_ORDER_SORT_FIELDS, CHANGE_ORDER_TYPES } from "./arguments";
export type { HubChangeOrder } from "./hub";

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
