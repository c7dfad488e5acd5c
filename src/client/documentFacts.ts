import { Kind, OperationDefinitionNode, parse } from "./graphqlLanguage";

/** What the client needs to know about a document before sending it. */
export interface DocumentFacts {
  /** "query ListComponents", or "anonymous query": how logs and errors name the request. */
  label: string;
  /** The operation's name, sent along so Duro's logs name it too (only for a single named operation). */
  operationName?: string;
  /** Holds a mutation, so it is retried only where Duro cannot have acted; a document we cannot read counts as one. */
  mutation: boolean;
}

// Every request needs these facts, and the operations' documents are a handful of constants: parsing one again on
// each call was a measurable share of the per-call cost (npm run bench, section 1). Raw Request documents vary, so
// the memo is bounded and simply starts over when full.
const MEMO_LIMIT = 256;
const memo = new Map<string, DocumentFacts>();

export const documentFacts = (document: string): DocumentFacts => {
  let facts = memo.get(document);
  if (facts === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    facts = read(document);
    memo.set(document, facts);
  }
  return facts;
};

const read = (document: string): DocumentFacts => {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(document, { noLocation: true }).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return { label: "unparsable document", mutation: true };
  }
  const mutation = operations.some(({ operation }) => operation === "mutation");
  if (operations.length !== 1) return { label: `document with ${operations.length} operations`, mutation };
  const [{ operation, name }] = operations;
  return name ? { label: `${operation} ${name.value}`, operationName: name.value, mutation } : { label: `anonymous ${operation}`, mutation };
};
