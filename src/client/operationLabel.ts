import { Kind, OperationDefinitionNode, parse } from "graphql";

/** "query ListComponents", or "anonymous query" — how logs and errors name a request. */
export const operationLabel = (document: string): string => {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(document, { noLocation: true }).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return "unparsable document";
  }
  if (operations.length !== 1) return `document with ${operations.length} operations`;
  const [{ operation, name }] = operations;
  return name ? `${operation} ${name.value}` : `anonymous ${operation}`;
};
