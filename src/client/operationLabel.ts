import { Kind, OperationDefinitionNode, parse } from "graphql";

// Every request names its operation, and the operations' documents are a handful of constants: parsing one again on
// each call was a measurable share of the per-call cost (npm run bench, section 1). Raw Request documents vary, so
// the memo is bounded and simply starts over when full.
const MEMO_LIMIT = 256;
const labels = new Map<string, string>();

/** "query ListComponents", or "anonymous query" — how logs and errors name a request. */
export const operationLabel = (document: string): string => {
  let label = labels.get(document);
  if (label === undefined) {
    if (labels.size >= MEMO_LIMIT) labels.clear();
    label = labelOf(document);
    labels.set(document, label);
  }
  return label;
};

const labelOf = (document: string): string => {
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
