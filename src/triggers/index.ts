export { webhook } from "./webhook";
