export {
  createChangeOrder,
  createChangeOrderTemplate,
  getChangeOrderById,
  getLatestValidationRun,
  listChangeOrders,
  validateChangeOrder,
} from "./changeOrders";
export { checkConnection } from "./checkConnection";
export { createComponent, getComponentById, getComponentChildren, getComponentsByIds, listComponents, searchComponents, updateComponent } from "./components";
export { listLibraries } from "./libraries";
export { rawRequest } from "./rawRequest";
export { getCurrentUser, listCompanyUsers } from "./users";
export { archiveWebhook, createWebhook, deleteInstanceWebhooks, getWebhook, getWebhookLogs, listWebhooks, updateWebhook } from "./webhooks";
