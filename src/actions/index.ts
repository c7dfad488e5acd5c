// Every action, by group: each group file exports only actions, so an action added to one is in the component.
export * from "./changeOrders";
export * from "./checkConnection";
export * from "./components";
export * from "./libraries";
export * from "./rawRequest";
export * from "./users";
export * from "./webhooks";
