import { action, input } from "@prismatic-io/spectral";
import { clientFor } from "../client/forAction";
import { after, cleanChoice, cleanOptionalText, cleanOrderBy, cleanRequiredText, connectionInput, debugRequest, first } from "../inputs";
import * as changeOrders from "../operations/changeOrders";
import { CHANGE_ORDER_SORT_FIELDS, CHANGE_ORDER_TYPES } from "../operations/changeOrders";

const SORT_LABELS: Record<(typeof CHANGE_ORDER_SORT_FIELDS)[number], string> = {
  con: "Change order number",
  name: "Name",
  lastModified: "Last modified",
};

const creator = { id: "user-1", email: "ada.lovelace@acme-robotics.example", firstName: "Ada", lastName: "Lovelace" };

export const createChangeOrder = action({
  display: {
    label: "Create Change Order",
    description: "Create a draft change order (ECO, MCO or DCO).",
  },
  inputs: {
    connection: connectionInput,
    name: input({
      label: "Name",
      type: "string",
      required: true,
      clean: cleanRequiredText("name", "The change order name"),
      example: "Replace bracket supplier",
      comments: "The name of the change order to create.",
    }),
    description: input({
      label: "Description",
      type: "text",
      required: false,
      clean: cleanOptionalText("description"),
      comments: "A detailed description of the change order, including the reason for the change and expected impact.",
    }),
    type: input({
      label: "Type",
      type: "string",
      required: false,
      default: "ECO",
      model: [
        { label: "ECO (Engineering Change Order)", value: "ECO" },
        { label: "MCO (Manufacturing Change Order)", value: "MCO" },
        { label: "DCO (Document Change Order)", value: "DCO" },
      ],
      clean: cleanChoice("type", CHANGE_ORDER_TYPES),
      comments: "The type of change order: ECO (Engineering), MCO (Manufacturing) or DCO (Document).",
    }),
    debugRequest,
  },
  perform: async (context, { connection, name, description, type, debugRequest }) => ({
    data: await changeOrders.createChangeOrder(clientFor(context, connection, debugRequest), { name, description, type }),
  }),
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
    description: "List change orders in the order you pick, a page at a time.",
  },
  inputs: {
    connection: connectionInput,
    orderBy: input({
      label: "Order By",
      type: "string",
      required: false,
      model: CHANGE_ORDER_SORT_FIELDS.flatMap((field) =>
        (["asc", "desc"] as const).map((direction) => ({
          label: `${SORT_LABELS[field]} (${direction === "asc" ? "ascending" : "descending"})`,
          value: JSON.stringify([{ [field]: direction }]),
        })),
      ),
      clean: cleanOrderBy("orderBy", CHANGE_ORDER_SORT_FIELDS),
      example: '[{"lastModified": "desc"}]',
      comments:
        'The field and direction to sort by. Pick one, or give Duro\'s JSON form for several keys, e.g. [{"name": "asc"}, {"lastModified": "desc"}] (fields: con, name, lastModified). Empty keeps Duro\'s order.',
    }),
    first,
    after,
    debugRequest,
  },
  perform: async (context, { connection, orderBy, first, after, debugRequest }) => ({
    data: await changeOrders.listChangeOrders(clientFor(context, connection, debugRequest), { orderBy, first, after }),
  }),
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
    },
  },
});
