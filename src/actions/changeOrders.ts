import { action } from "@prismatic-io/spectral";
import { stepClient } from "../client/stepClient";
import {
  changeOrderDescription,
  changeOrderId,
  changeOrderName,
  changeOrderType,
  orderBy,
  statusFilter,
  templateName,
  templateYaml,
  typeFilter,
} from "../inputs/changeOrders";
import { connectionInput, debugRequest, library, listInputs } from "../inputs/shared";
import {
  CREATE_CHANGE_ORDER,
  CREATE_CHANGE_ORDER_TEMPLATE,
  GET_CHANGE_ORDER,
  GET_LATEST_VALIDATION_RUN,
  HubChangeOrder,
  LIST_CHANGE_ORDERS,
  VALIDATE_CHANGE_ORDER,
} from "../operations/changeOrders";
import { perform, performList } from "../operations/dialects";
import { declareOperations } from "../operations/stepOperations";
import { OUTPUT_SCHEMAS } from "../outputSchemas";

const creator = { id: "user-1", email: "ada.lovelace@acme-robotics.example", firstName: "Ada", lastName: "Lovelace" };

/** A change order as Duro Hub returns it (Get Change Order by ID, and each item of a Duro Hub list). */
const hubChangeOrderExample: HubChangeOrder = {
  id: "123e4567-e89b-12d3-a456-426614174000",
  name: "Replace bracket supplier",
  description: "Switch the M3 bracket to the second source",
  status: "OPEN",
  resolution: "PENDING",
  isValid: true,
  createdAt: "2025-01-15T10:30:00.000Z",
  updatedAt: "2025-01-16T08:05:00.000Z",
};

export const createChangeOrder = action({
  display: {
    label: "Create Change Order",
    description: "Create a draft change order (ECO, MCO or DCO).",
  },
  inputs: {
    connection: connectionInput,
    name: changeOrderName,
    description: changeOrderDescription,
    type: changeOrderType,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), CREATE_CHANGE_ORDER, {
      name: params.name,
      description: params.description,
      type: params.type,
    }),
  }),
  outputSchema: OUTPUT_SCHEMAS.changeOrder,
  examplePayload: {
    data: {
      id: "co-00013",
      con: { displayValue: "CO-00013" },
      name: "Replace bracket supplier",
      description: "Move bracket sourcing to the second supplier",
      status: "DRAFT",
      type: "ECO",
      created: "2025-03-01T10:00:00.000Z",
      creator,
    },
  },
});

export const listChangeOrders = action({
  display: {
    label: "List Change Orders",
    description: "List change orders, optionally only those of one status and type, in the order you pick: a page at a time, or all of them with Fetch All.",
  },
  inputs: {
    connection: connectionInput,
    orderBy,
    status: statusFilter(
      "Optional. Only change orders with this status, e.g. DRAFT, OPEN, RESOLVED, CLOSED. Classic Duro has no change order filter: the connector reads pages of 100 and keeps the matches until it has First N Items (with Fetch All, Max Items) of them. On Duro Hub the status (DRAFT, OPEN, RESOLVED, CLOSED or ON_HOLD, any case) is sent to Duro as filter { status } (assumed, as Duro documents only an ids filter for change orders).",
    ),
    type: typeFilter,
    ...listInputs,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await performList(
      stepClient(context, params),
      LIST_CHANGE_ORDERS,
      { orderBy: params.orderBy, status: params.status, type: params.type, first: params.first, after: params.after },
      { fetchAll: params.fetchAll, maxItems: params.maxItems },
    ),
  }),
  outputSchema: OUTPUT_SCHEMAS.changeOrderList,
  examplePayload: {
    data: {
      items: [
        {
          id: "co-00001",
          con: { id: "CO-00001", displayValue: "CO-00001" },
          name: "Change 1: Resistor revision",
          type: "ECO",
          description: "Revise resistor parts for supplier change 1",
          status: "DRAFT",
          resolution: "NONE",
          approvalType: "FIRST_IN",
          created: "2025-01-06T09:00:00.000Z",
          lastModified: "2025-01-06T09:00:00.000Z",
          creator,
          documentLinks: [],
          erpOptions: { effectivity: { startDate: null, endDate: null }, itemType: { value: null } },
        },
      ],
      pageInfo: { hasNextPage: true, endCursor: "Y3Vyc29yOjA=" },
      truncated: false,
    },
  },
});

/** What one validation run found (Validate Change Order and Get Latest Validation Run show the same run). */
const validationFindings = {
  summary: { passCount: 8, failCount: 1, warningCount: 1 },
  failures: [{ name: "Items must not exist in other OPEN Change Orders", state: "FAIL", errorMessage: "Item P123-456 exists in Change Order CO-2024-001" }],
  warnings: [{ name: "Description explains the impact", state: "WARNING", errorMessage: "The description is shorter than 20 characters" }],
};

export const validateChangeOrder = action({
  display: {
    label: "Validate Change Order",
    description: "Duro Hub: run a draft change order's validations and return whether it is valid, the counts, and what failed or warned.",
  },
  inputs: { connection: connectionInput, changeOrderId, library, debugRequest },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), VALIDATE_CHANGE_ORDER, { changeOrderId: params.changeOrderId }),
  }),
  examplePayload: {
    data: {
      changeOrderId: "123e4567-e89b-12d3-a456-426614174000",
      isValid: false,
      validationRunId: "987fcdeb-51a2-43d1-9876-543210fedcba",
      state: "FAIL",
      ...validationFindings,
    },
  },
});

export const getChangeOrderById = action({
  display: {
    label: "Get Change Order by ID",
    description: "Duro Hub: get one change order by its ID, with whether it is valid. (Classic Duro documents no lookup by ID: use List Change Orders.)",
  },
  inputs: { connection: connectionInput, changeOrderId, library, debugRequest },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), GET_CHANGE_ORDER, { changeOrderId: params.changeOrderId }),
  }),
  outputSchema: OUTPUT_SCHEMAS.changeOrder,
  examplePayload: { data: hubChangeOrderExample },
});

export const getLatestValidationRun = action({
  display: {
    label: "Get Latest Validation Run",
    description:
      "Duro Hub: the last validation run of a change order (state, who ran it and when, counts, failures and warnings) without running the validations again. validationRun is null if it was never validated.",
  },
  inputs: { connection: connectionInput, changeOrderId, library, debugRequest },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), GET_LATEST_VALIDATION_RUN, { changeOrderId: params.changeOrderId }),
  }),
  examplePayload: {
    data: {
      changeOrderId: "123e4567-e89b-12d3-a456-426614174000",
      name: "Replace bracket supplier",
      isValid: false,
      validationRun: {
        id: "987fcdeb-51a2-43d1-9876-543210fedcba",
        state: "FAIL",
        createdAt: "2024-01-15T10:30:00Z",
        createdBy: { name: "Ada Lovelace" },
        ...validationFindings,
      },
    },
  },
});

export const createChangeOrderTemplate = action({
  display: {
    label: "Create Change Order Template",
    description: "Duro Hub: create a change order workflow template from YAML (checked locally for its required fields first).",
  },
  inputs: {
    connection: connectionInput,
    name: templateName,
    configYAML: templateYaml,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), CREATE_CHANGE_ORDER_TEMPLATE, {
      name: params.name,
      configYAML: params.configYAML,
    }),
  }),
  examplePayload: {
    data: {
      id: "550e8400-e29b-41d4-a716-446655440000",
      name: "My Engineering Review Process",
      config: {
        version: "1.0",
        description: "Engineering change order workflow with dual approval",
        schema_type: "change_order_scheme",
        stages: { open: [{ name: "Engineering Review", types: ["Unanimous", "Majority"], default: "Majority", minReviewers: 2 }] },
      },
      library: { id: "fc28b204-0cd0-46b3-96eb-b0720c16c423", name: "Main Library" },
      createdAt: "2024-01-15T10:30:00Z",
    },
  },
});

declareOperations(createChangeOrder, CREATE_CHANGE_ORDER);
declareOperations(listChangeOrders, LIST_CHANGE_ORDERS);
declareOperations(validateChangeOrder, VALIDATE_CHANGE_ORDER);
declareOperations(getChangeOrderById, GET_CHANGE_ORDER);
declareOperations(getLatestValidationRun, GET_LATEST_VALIDATION_RUN);
declareOperations(createChangeOrderTemplate, CREATE_CHANGE_ORDER_TEMPLATE);
