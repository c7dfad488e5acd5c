// Duro's answer checked against the document that asked for it, before anything reads it: every selected field is
// there, a field with a selection is an object (or a list of them), and null stands only where it is an answer. The
// check knows nothing of any one operation: it reads the shape from the document itself, compiled once per document.
import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from "graphql/language/ast";
import { Kind, parse } from "./graphqlLanguage";

/** One selected field, under the name the answer uses (its alias, else its name). */
interface SelectedField {
  key: string;
  /** Response keys from the root, dotted ("components.connection.pageInfo"): how messages and declarations name it. */
  path: string;
  /** The fields selected inside it; undefined for a leaf, where any value passes. */
  fields: SelectedField[] | undefined;
  /** The document declares null here an answer (e.g. a lookup's not-found): below it, null is data too. */
  nullable: boolean;
  /** What a reader of the list makes of a missing connection field (Relay's edges and pageInfo). */
  listNote: string;
}

/** What is wrong with the answer, at which field. */
export interface AnswerFlaw {
  path: string;
  problem: "is missing" | "is null" | "is not an object";
  listNote: string;
}

class FlawFound {
  constructor(
    readonly field: SelectedField,
    readonly problem: AnswerFlaw["problem"],
  ) {}
}

const LIST_NOTES: Readonly<Record<string, string>> = {
  edges: " (a list without edges cannot be read)",
  pageInfo: " (a list without pageInfo.hasNextPage cannot be continued)",
};

/** A document's selection as a tree of fields: aliases as the answer names them, fragments and inline fragments merged in. */
const compile = (document: string, nullable: ReadonlySet<string>): SelectedField[] => {
  const definitions = parse(document, { noLocation: true }).definitions;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const operation = definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operation === undefined || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error("the document holds no operation");

  // Fragment type conditions are taken as met: the connector spreads a fragment only on its own type (tested
  // against the sandbox's schemas), so its fields are always selected. A conditional field would not be.
  const collect = (selectionSet: SelectionSetNode, parentPath: string, into: SelectedField[]): void => {
    for (const selection of selectionSet.selections) {
      if (selection.directives?.length) throw new Error(`the document selects ${parentPath || "its root"} conditionally (@${selection.directives[0].name.value})`);
      if (selection.kind === Kind.FIELD) addField(selection, parentPath, into);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, parentPath, into);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment === undefined) throw new Error(`the document spreads an unknown fragment ${selection.name.value}`);
        collect(fragment.selectionSet, parentPath, into);
      }
    }
  };
  const declared = new Set<string>();
  const addField = (node: FieldNode, parentPath: string, into: SelectedField[]): void => {
    const key = node.alias?.value ?? node.name.value;
    const path = parentPath ? `${parentPath}.${key}` : key;
    // The same answer key selected twice (e.g. by the field and by a fragment) is one field with both selections.
    let field = into.find((candidate) => candidate.key === key);
    if (field === undefined) {
      field = { key, path, fields: undefined, nullable: nullable.has(path), listNote: LIST_NOTES[node.name.value] ?? "" };
      into.push(field);
    }
    if (node.selectionSet === undefined) return;
    if (field.nullable) declared.add(path);
    collect(node.selectionSet, path, (field.fields ??= []));
  };
  const tree: SelectedField[] = [];
  collect(operation.selectionSet, "", tree);
  const unknown = [...nullable].filter((path) => !declared.has(path));
  if (unknown.length) throw new Error(`nullable names ${unknown.join(", ")}, which the document does not select with subfields`);
  return tree;
};

// Per query (its nullable declarations), per document text: the written document, and any the live schema adapted.
const compiled = new WeakMap<object, Map<string, SelectedField[]>>();

const shapeOf = (owner: object, document: string, nullable: readonly string[] | undefined): SelectedField[] => {
  let byDocument = compiled.get(owner);
  if (byDocument === undefined) compiled.set(owner, (byDocument = new Map()));
  let shape = byDocument.get(document);
  if (shape === undefined) {
    shape = compile(document, new Set(nullable));
    byDocument.set(document, shape);
  }
  return shape;
};

// The walk runs on every answer (a page of 100 components is some 2,000 values): no allocation unless it finds a flaw.
// Indexed loops: an iterator is an object per loop.
const checkFields = (fields: SelectedField[], object: object, inData: boolean): void => {
  for (let index = 0; index < fields.length; index += 1) {
    const field = fields[index];
    const value = (object as Record<string, unknown>)[field.key];
    if (value === undefined) throw new FlawFound(field, "is missing");
    if (field.fields !== undefined) checkComposite(field, value, inData || field.nullable);
  }
};

/** A value where the document selects subfields: an object, a (nested) list of objects, or null where null is data. */
const checkComposite = (field: SelectedField, value: unknown, inData: boolean): void => {
  if (value === null) {
    if (!inData) throw new FlawFound(field, "is null");
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) checkComposite(field, value[index], true);
  } else if (typeof value === "object") {
    checkFields(field.fields as SelectedField[], value, inData);
  } else throw new FlawFound(field, "is not an object");
};

/**
 * Checks `data` against the fields `document` selects; undefined when it has them all, else the first flaw. The
 * envelope — the fields with subfields reached from the root through objects only — must be objects, unless the
 * query declares a path `nullable` (e.g. "component.findOne": not found). Inside a list, and below a declared path,
 * null is data. A leaf may hold any value. `owner` is the query the declarations belong to. A document the check
 * cannot read throws an Error: that is the connector's bug.
 */
export const answerFlaw = (owner: object, document: string, nullable: readonly string[] | undefined, data: unknown): AnswerFlaw | undefined => {
  const shape = shapeOf(owner, document, nullable);
  if (typeof data !== "object" || data === null) return { path: "data", problem: data === null ? "is null" : "is not an object", listNote: "" };
  try {
    checkFields(shape, data, false);
    return undefined;
  } catch (error) {
    if (!(error instanceof FlawFound)) throw error;
    return { path: error.field.path, problem: error.problem, listNote: error.field.listNote };
  }
};
