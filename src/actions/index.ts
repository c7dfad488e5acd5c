export { createChangeOrder, listChangeOrders } from "./changeOrders";
export { getComponentById, listComponents } from "./components";
export { rawRequest } from "./rawRequest";
export { getCurrentUser, listCompanyUsers } from "./users";
