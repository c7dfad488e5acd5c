export { webhook } from "./webhook";
export { pollChanges } from "./pollChanges";
