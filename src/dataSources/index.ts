export { selectChangeOrder, selectComponent, selectLibrary, selectUser, selectWebhook } from "./picklists";
