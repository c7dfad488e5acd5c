// Components in the classic dialect (Main/MFG, ITAR, EU): the documents, each with the type of what it answers, as
// Prismatic's Duro PLM component reads them. Classic Duro documents no component filter, so Search Components reads
// the library and the connector keeps what matches (meetsCriteria).
import { invalidInput } from "../../client/errors";
import { Connection, toPage } from "../../client/pagination";
import { dialectQuery, locallyFilteredList } from "../dialects";
import { ComponentCriteria, componentNotFound, ComponentLookup, ListComponentsArgs, SearchComponentsArgs } from "./arguments";

/** A component as the classic dialect lists it. */
export interface ComponentSummary {
  id: string;
  cpn: { displayValue: string | null } | null;
  name: string | null;
  description: string | null;
  category: string | null;
  status: string | null;
  revisionValue: string | null;
  workflowState: string | null;
  mass: number | null;
  created: string | null;
  lastModified: string | null;
}

/** A component in full, classic dialect. Inside its lists, an entry may be null (the schema's lists allow it). */
export interface Component extends ComponentSummary {
  archived: boolean | null;
  eid: string | null;
  family: string | null;
  legacyCpn: string | null;
  vendorId: string | null;
  modified: boolean | null;
  imageIds: string[] | null;
  customSpecs: Array<{ key: string | null; specId: string | null; value: string | null } | null> | null;
  specs: Array<{ key: string | null; value: string | null } | null> | null;
  documentLinks: unknown[] | null;
  images: unknown[] | null;
  manufacturers: Array<{ name: string | null; description: string | null; mpn: { key: string | null; src: string | null } | null } | null> | null;
  primarySource: Record<string, string | number | null> | null;
  creator: { id: string; email: string | null; firstName: string | null; lastName: string | null } | null;
  revisionHistory: Array<{ id: string; cpn: { displayValue: string | null } | null; revisionValue: string | null } | null> | null;
  children: Array<{ component: { id: string } | null } | null> | null;
}

/** The fields of ComponentSummary, shared by every classic document that returns components. */
export const CLASSIC_COMPONENT_SUMMARY = /* GraphQL */ `
  fragment ComponentSummaryFields on Component {
    id
    cpn { displayValue }
    name
    description
    category
    status
    revisionValue
    workflowState
    mass
    created
    lastModified
  }
`;

/** A lookup by IDs answers null, or a null entry, for what it does not find. */
type ByIds<TComponent> = { componentsByIds: Array<TComponent | null> | null };

export const getComponent = dialectQuery({
  document: /* GraphQL */ `
    query GetComponentsByIds($ids: [ID]) {
      componentsByIds(ids: $ids) {
        ...ComponentSummaryFields
        archived
        eid
        family
        legacyCpn
        vendorId
        modified
        imageIds
        customSpecs { key specId value }
        specs { key value }
        documentLinks {
          document { id src name mime archived url }
          specs { status type revision lastModified }
        }
        images { mime creator { email } name src }
        manufacturers { name description mpn { key src } }
        primarySource { dpn distributor manufacturer minQuantity mpn unitPrice }
        creator { id email firstName lastName }
        revisionHistory { id cpn { displayValue } revisionValue }
        children { component { id } }
      }
    }
    ${CLASSIC_COMPONENT_SUMMARY}
  `,
  nullable: ["componentsByIds"],
  variables: ({ componentId }: ComponentLookup) => ({ ids: [componentId] }),
  result: ({ componentsByIds }: ByIds<Component>, { componentId }) => {
    const component = componentsByIds?.find((candidate) => candidate?.id === componentId);
    if (!component) throw componentNotFound(componentId);
    return component;
  },
});

/** What the classic list (and search) answers. */
interface ClassicComponentList {
  components: { connection: Connection<ComponentSummary> };
}

export const listComponents = dialectQuery({
  document: /* GraphQL */ `
    query ListComponents($libraryType: LibraryType, $first: Int, $after: String) {
      components(libraryType: $libraryType) {
        connection(first: $first, after: $after) {
          totalCount
          edges {
            cursor
            node { ...ComponentSummaryFields }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
    ${CLASSIC_COMPONENT_SUMMARY}
  `,
  variables: ({ libraryType, first, after }: ListComponentsArgs) => ({ libraryType, first, after }),
  result: (data: ClassicComponentList) => toPage(data.components.connection),
});

export const getComponentsByIds = dialectQuery({
  document: /* GraphQL */ `
    query LookUpComponents($ids: [ID]) {
      componentsByIds(ids: $ids) { ...ComponentSummaryFields }
    }
    ${CLASSIC_COMPONENT_SUMMARY}
  `,
  nullable: ["componentsByIds"],
  variables: ({ ids }: { ids: string[] }) => ({ ids }),
  result: ({ componentsByIds }: ByIds<ComponentSummary>) => (componentsByIds ?? []).filter((component): component is ComponentSummary => component !== null),
});

/**
 * Classic Duro has no filter argument, so its search checks each listed component here, ignoring case; undefined
 * when no criterion is given (every component matches).
 */
const meetsCriteria = ({ name, cpn, status, category, match }: ComponentCriteria) => {
  const has = (value: string | null | undefined, part: string) => (value ?? "").toLowerCase().includes(part.toLowerCase());
  const is = (value: string | null | undefined, whole: string) => (value ?? "").toLowerCase() === whole.toLowerCase();
  const tests = [
    name === undefined ? [] : [(component: ComponentSummary) => has(component.name, name)],
    cpn === undefined ? [] : [(component: ComponentSummary) => has(component.cpn?.displayValue, cpn)],
    status === undefined ? [] : [(component: ComponentSummary) => is(component.status, status)],
    category === undefined ? [] : [(component: ComponentSummary) => is(component.category, category)],
  ].flat();
  if (tests.length === 0) return undefined;
  return (component: ComponentSummary): boolean => (match === "all" ? tests.every((test) => test(component)) : tests.some((test) => test(component)));
};

// No filter argument is documented for classic components: read the library (company by default) and keep what matches.
export const searchComponents = locallyFilteredList({
  document: /* GraphQL */ `
    query SearchComponents($libraryType: LibraryType, $first: Int, $after: String) {
      components(libraryType: $libraryType) {
        connection(first: $first, after: $after) {
          edges {
            cursor
            node { ...ComponentSummaryFields }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
    ${CLASSIC_COMPONENT_SUMMARY}
  `,
  variables: ({ filter, libraryType, first, after }: SearchComponentsArgs) => {
    if (filter) {
      throw invalidInput(
        "filter",
        "classic Duro (Main/MFG, ITAR, EU) has no component filter, so a JSON filter cannot be sent: use Name, CPN, Status and Category (checked by the connector on each page it reads), or a Duro Hub connection.",
      );
    }
    return { libraryType: libraryType ?? "GENERAL", first, after };
  },
  connection: (data: ClassicComponentList) => data.components.connection,
  keeps: meetsCriteria,
});
