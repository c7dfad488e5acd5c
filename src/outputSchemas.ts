// The shapes of the `data` that the actions a flow maps from return, as JSON Schema for Prismatic's step output
// picker. One schema covers both dialects where an action has both: a field one dialect lacks is simply absent, and a
// field whose type differs (a classic CPN is { displayValue }, Duro Hub's a string) lists both types.
import { outputSchema } from "@prismatic-io/spectral";
import type { JsonSchema } from "@prismatic-io/spectral/dist/types/jsonforms/JsonSchema";

/** Draft 7, the JSON Schema the platform reads. */
type Schema = Extract<JsonSchema, { $id?: string }>;

const text: Schema = { type: ["string", "null"] };
const number: Schema = { type: ["number", "null"] };
const flag: Schema = { type: ["boolean", "null"] };
const object = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: "object", properties, required });
const nullableObject = (properties: Record<string, Schema>): Schema => ({ type: ["object", "null"], properties });
const listOf = (items: Schema): Schema => ({ type: ["array", "null"], items });

const person = nullableObject({ id: text, email: text, firstName: text, lastName: text });

/** A component: the classic summary fields and Duro Hub's (status and category are objects there). */
const component = object(
  {
    id: { type: "string" },
    cpn: { type: ["object", "string", "null"], properties: { displayValue: text } },
    name: text,
    description: text,
    eid: text,
    status: { type: ["string", "object", "null"], properties: { id: text, name: text } },
    category: { type: ["string", "object", "null"], properties: { id: text, name: text, type: text } },
    revisionValue: text,
    state: text,
    version: number,
    workflowState: text,
    mass: number,
    created: text,
    lastModified: text,
    createdAt: text,
    updatedAt: text,
    specs: listOf(object({ key: text, value: text })),
    children: listOf(object({ component: nullableObject({ id: { type: "string" } }) })),
  },
  ["id"],
);

/** A change order: classic's fields and Duro Hub's (`isValid`). */
const changeOrder = object(
  {
    id: { type: "string" },
    con: nullableObject({ id: text, displayValue: text }),
    name: text,
    type: text,
    description: text,
    status: text,
    resolution: text,
    approvalType: text,
    created: text,
    lastModified: text,
    creator: person,
    isValid: flag,
    createdAt: text,
    updatedAt: text,
  },
  ["id"],
);

/** The list shape every list action returns (README, "List shape"). */
const list = (items: Schema, extra: Record<string, Schema> = {}): Schema =>
  object(
    {
      items: { type: "array", items },
      pageInfo: object({ hasNextPage: { type: "boolean" }, endCursor: text }, ["hasNextPage", "endCursor"]),
      totalCount: { type: "integer" },
      truncated: { type: "boolean" },
      ...extra,
    },
    ["items", "pageInfo"],
  );

const actionOutput = (schema: Schema) => outputSchema({ type: "actionOutput", schema });

export const OUTPUT_SCHEMAS = {
  component: actionOutput(component),
  componentList: actionOutput(list(component)),
  changeOrder: actionOutput(changeOrder),
  changeOrderList: actionOutput(list(changeOrder)),
  companyUsers: actionOutput(
    list(object({ id: { type: "string" }, email: text, firstName: text, lastName: text, created: text, role: text, title: text, lastLogin: text }, ["id"]), {
      company: nullableObject({ id: { type: "string" }, name: text }),
    }),
  ),
  libraryList: actionOutput(list(object({ id: { type: "string" }, name: text }, ["id"]))),
  webhookList: actionOutput(
    list(
      object(
        {
          id: { type: "string" },
          name: text,
          description: text,
          url: text,
          events: { type: "array", items: { type: "string" } },
          isEnabled: flag,
          isArchived: flag,
          timeoutSeconds: number,
          maxRetries: number,
          createdAt: text,
          updatedAt: text,
        },
        ["id"],
      ),
    ),
  ),
};
