export { selectChangeOrder, selectComponent, selectLibrary, selectUser } from "./picklists";
