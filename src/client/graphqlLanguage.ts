// The part of graphql most of the connector uses: the language layer (parse, print, Kind), from graphql's
// submodules. Code that needs more (validate, buildClientSchema) imports it from its own submodule, e.g.
// "graphql/validation/validate", never from "graphql" itself, which would bring the whole package back into the
// bundle (npm run bench, "Bundle").
export { Kind } from "graphql/language/kinds";
export { parse } from "graphql/language/parser";
export { print } from "graphql/language/printer";
export type { OperationDefinitionNode } from "graphql/language/ast";
