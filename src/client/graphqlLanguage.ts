// The part of graphql the connector and graphql-request use: the language layer (parse, print, Kind). Importing it
// from graphql's submodules keeps validation, execution and the type system out of the bundle (npm run bench,
// "Bundle"); webpack.config.js points graphql-request's `require("graphql")` here for the same reason. Code that needs
// more (validate, buildClientSchema) imports it from its own submodule, e.g. "graphql/validation/validate", never from
// "graphql" itself, which would bring the whole package back into the bundle.
export { Kind } from "graphql/language/kinds";
export { parse } from "graphql/language/parser";
export { print } from "graphql/language/printer";
export type { OperationDefinitionNode } from "graphql/language/ast";
