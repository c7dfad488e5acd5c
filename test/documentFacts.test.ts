// How requests are named in logs, errors and the body sent; the facts are memoized per document, so they must stay
// right when the memo fills up and starts over.
import { documentFacts } from "../src/client/documentFacts";

const operationLabel = (document: string): string => documentFacts(document).label;

describe("documentFacts", () => {
  it("names an operation by kind and name, or says it is anonymous, unparsable or several", () => {
    expect(operationLabel("query ListComponents { components { id } }")).toBe("query ListComponents");
    expect(operationLabel("mutation { createChangeOrder { id } }")).toBe("anonymous mutation");
    expect(operationLabel("query {")).toBe("unparsable document");
    expect(operationLabel("query A { a } query B { b }")).toBe("document with 2 operations");
  });

  it("gives the operation name to send only for a single named operation", () => {
    expect(documentFacts("query ListComponents { components { id } }").operationName).toBe("ListComponents");
    expect(documentFacts("{ components { id } }").operationName).toBeUndefined();
    expect(documentFacts("query A { a } query B { b }").operationName).toBeUndefined();
  });

  it("gives the same answers for many distinct documents (more than the memo holds) and their repeats", () => {
    const documents = Array.from({ length: 600 }, (_, index) => `query Q${index} { field${index} }`);
    const expected = documents.map((_, index) => `query Q${index}`);
    expect(documents.map(operationLabel)).toEqual(expected);
    expect(documents.map(operationLabel)).toEqual(expected);
    expect([...documents].reverse().map(operationLabel)).toEqual([...expected].reverse());
  });
});
