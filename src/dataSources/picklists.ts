// Picklists for the config wizard: each reads through the same operations as the actions and returns
// `{ key: <Duro ID>, label }` elements. Long lists stop at PICKLIST_LIMIT (the labels say so); a search narrows them.
import { dataSource, input } from "@prismatic-io/spectral";
import { stepClient } from "../client/stepClient";
import { countText } from "../client/errors";
import { MAX_PAGE_SIZE } from "../client/pagination";
import { statusFilter } from "../inputs/changeOrders";
import { cleanOptionalText } from "../inputs/cleaners";
import { libraryType } from "../inputs/components";
import { connectionInput, debugRequest, library } from "../inputs/shared";
import { LIST_CHANGE_ORDERS } from "../operations/changeOrders";
import { ComponentSummary, HubComponent, SEARCH_COMPONENTS } from "../operations/components";
import { perform, performList } from "../operations/dialects";
import { LIST_LIBRARIES } from "../operations/libraries";
import { LIST_COMPANY_USERS } from "../operations/users";
import { listLibraryWebhooks } from "../operations/webhooks";

/** The most entries a picklist shows: five requests of a page, and about as many as a dropdown stays usable with. */
export const PICKLIST_LIMIT = 500;
const LIMIT_TEXT = countText(PICKLIST_LIMIT);

const picklistRead = { fetchAll: true, maxItems: PICKLIST_LIMIT };

const cpnOf = (component: ComponentSummary | HubComponent): string | null =>
  typeof component.cpn === "string" ? component.cpn : (component.cpn?.displayValue ?? null);

/** "CPN · name", leaving out what Duro did not give. */
const labelOf = (...parts: Array<string | null | undefined>): string => parts.filter(Boolean).join(" · ");

export const selectComponent = dataSource({
  display: {
    label: "Select Component",
    description: `Pick a component by CPN and name (the first ${LIMIT_TEXT} matches; type a search to narrow). The value is the component's ID.`,
  },
  dataSourceType: "picklist",
  inputs: {
    connection: connectionInput,
    search: input({
      label: "Search",
      type: "string",
      required: false,
      clean: cleanOptionalText("search"),
      example: "Resistor",
      comments: `Optional. Only components whose name or CPN contains this text. Without it the picklist shows the first ${LIMIT_TEXT} components of the library. Duro Hub searches on the server; classic Duro has no search, so the connector reads the library page by page and keeps the matches.`,
    }),
    libraryType,
    library,
    debugRequest,
  },
  perform: async (context, params) => {
    const { items } = await performList(
      stepClient(context, params),
      SEARCH_COMPONENTS,
      { name: params.search, cpn: params.search, match: "any", libraryType: params.libraryType, first: MAX_PAGE_SIZE },
      picklistRead,
    );
    return { result: items.map((component) => ({ key: component.id, label: labelOf(cpnOf(component), component.name) })) };
  },
  examplePayload: { result: [{ key: "cmp-00001", label: "100-00001 · Resistor 1" }] },
});

export const selectChangeOrder = dataSource({
  display: {
    label: "Select Change Order",
    description: `Pick a change order by number and name (the first ${LIMIT_TEXT}; filter by status to narrow). The value is the change order's ID.`,
  },
  dataSourceType: "picklist",
  inputs: {
    connection: connectionInput,
    status: statusFilter("Optional. Only change orders with this status, e.g. DRAFT or OPEN (filtered as in List Change Orders)."),
    library,
    debugRequest,
  },
  perform: async (context, params) => {
    const { items } = await performList(stepClient(context, params), LIST_CHANGE_ORDERS, { status: params.status, first: MAX_PAGE_SIZE }, picklistRead);
    return {
      result: items.map((changeOrder) => ({
        key: changeOrder.id,
        label: labelOf("con" in changeOrder ? changeOrder.con?.displayValue : undefined, changeOrder.name),
      })),
    };
  },
  examplePayload: { result: [{ key: "co-00001", label: "CO-00001 · Change 1: Resistor revision" }] },
});

export const selectUser = dataSource({
  display: {
    label: "Select User",
    description: "Pick a user of the API key's company by name and email (classic Duro environments; Duro lists them whole). The value is the user's ID.",
  },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput, debugRequest },
  perform: async (context, params) => {
    const { items } = await perform(stepClient(context, params), LIST_COMPANY_USERS, undefined);
    return {
      result: items.map((user) => {
        const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
        return { key: user.id, label: [name || user.id, user.email && `(${user.email})`].filter(Boolean).join(" ") };
      }),
    };
  },
  examplePayload: { result: [{ key: "user-1", label: "Ada Lovelace (ada.lovelace@acme-robotics.example)" }] },
});

export const selectLibrary = dataSource({
  display: {
    label: "Select Library",
    description: "Duro Hub: pick one of the organization's libraries by name. The value is the library's ID, for a connection's or step's Library.",
  },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput, debugRequest },
  perform: async (context, params) => {
    const { items } = await perform(stepClient(context, params), LIST_LIBRARIES, undefined);
    return { result: items.map((found) => ({ key: found.id, label: found.name })) };
  },
  examplePayload: { result: [{ key: "7d2e9a40-6b1c-4f3e-8a5d-1c2b3a4d5e6f", label: "Robot Arm Library" }] },
});

export const selectWebhook = dataSource({
  display: {
    label: "Select Webhook",
    description: "Duro Hub: pick one of the library's webhooks by name and URL (archived ones are hidden by Duro). The value is the webhook's ID.",
  },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput, library, debugRequest },
  perform: async (context, params) => {
    const { items } = await listLibraryWebhooks(stepClient(context, params), undefined);
    return { result: items.map((found) => ({ key: found.id, label: `${found.name} (${found.url})` })) };
  },
  examplePayload: { result: [{ key: "3b2f1c4e-9a8d-4e7f-b6a5-0c1d2e3f4a5b", label: "ERP Sync Webhook (https://hooks.example.com/duro)" }] },
});
