// A component's BOM: its direct children, or with `flatten` the whole tree, read level by level. Each level is one
// batched lookup of every assembly found on the level above (one request per 100 of them), so the number of
// requests grows with the BOM's depth, not with its number of parts.
// Only classic Duro documents children (`children { component { id } }`, as Prismatic's Duro PLM component reads
// them); Duro Hub's component has no documented BOM field, and neither dialect documents a quantity or reference designator per BOM line.
import { DuroClient } from "../client/duroClient";
import { DuroError } from "../client/errors";
import { chunked, MAX_PAGE_SIZE } from "../client/pagination";
import { CLASSIC_COMPONENT_SUMMARY, ComponentSummary } from "./components";
import { dialectQuery, Operation, perform } from "./dialects";

/** A child as one level's lookup returns it: its summary, and whether it has children of its own. */
type ChildComponent = ComponentSummary & { children: Array<{ component: { id: string } | null } | null> | null };

/** An assembly as one level's lookup returns it; below the lookup (nullable), any entry may be null. */
interface Assembly {
  id: string;
  children: Array<{ component: ChildComponent | null } | null> | null;
}

export const GET_COMPONENT_CHILDREN: Operation<{ ids: string[] }, Assembly[]> = {
  name: "Get Component Children",
  documents: {
    classic: dialectQuery({
      document: /* GraphQL */ `
        query GetComponentChildren($ids: [ID]) {
          componentsByIds(ids: $ids) {
            id
            children {
              component {
                ...ComponentSummaryFields
                children { component { id } }
              }
            }
          }
        }
        ${CLASSIC_COMPONENT_SUMMARY}
      `,
      nullable: ["componentsByIds"],
      variables: ({ ids }) => ({ ids }),
      result: ({ componentsByIds }: { componentsByIds: Array<Assembly | null> | null }) =>
        (componentsByIds ?? []).filter((assembly): assembly is Assembly => assembly !== null),
    }),
  },
};

/** One line of the BOM: the child component, where it sits, and whether it is an assembly itself. */
interface BomLine extends ComponentSummary {
  /** 1 for a direct child of the component asked for, 2 for a grandchild, and so on. */
  depth: number;
  parentId: string;
  /** How many children this component has (0 for a plain part). */
  childCount: number;
}

export interface Bom {
  componentId: string;
  /** The deepest level listed (0 when the component has no children). */
  depth: number;
  /** Every BOM line, level by level, each level in its parents' order. */
  items: BomLine[];
  /**
   * Assemblies listed more than once (a part used in several assemblies, or a cycle back to an ancestor): each is
   * listed wherever it is used, but its own children are read and listed only the first time.
   */
  repeatedAssemblyIds: string[];
}

const notFound = (componentId: string): DuroError =>
  new DuroError("not-found", `No component with ID "${componentId}" in Duro to read the BOM of. Check the ID (the component's id, not its CPN).`);

/** The BOM under `componentId`: direct children only, or with `flatten` every level below it. */
export const readBom = async (client: DuroClient, componentId: string, flatten: boolean): Promise<Bom> => {
  const items: BomLine[] = [];
  const repeated = new Set<string>();
  const expanded = new Set([componentId]);
  let level = [componentId];
  let depth = 0;
  let deepest = 0;
  while (level.length) {
    const assemblies = new Map<string, Assembly>();
    for (const run of chunked(level, MAX_PAGE_SIZE)) {
      for (const assembly of await perform(client, GET_COMPONENT_CHILDREN, { ids: run })) assemblies.set(assembly.id, assembly);
    }
    if (depth === 0 && !assemblies.has(componentId)) throw notFound(componentId);
    depth += 1;
    const next: string[] = [];
    for (const parentId of level) {
      for (const child of assemblies.get(parentId)?.children ?? []) {
        const component = child?.component;
        if (!component) continue;
        const { children, ...summary } = component;
        const childCount = children?.length ?? 0;
        items.push({ ...summary, depth, parentId, childCount });
        deepest = depth;
        if (childCount === 0) continue;
        if (expanded.has(component.id)) repeated.add(component.id);
        else {
          expanded.add(component.id);
          next.push(component.id);
        }
      }
    }
    if (!flatten) break;
    // A deep BOM takes a request per level (more for wide ones): say how far the walk is.
    if (next.length) client.progress(`BOM of ${componentId}: level ${depth} read, ${items.length} parts so far; reading level ${depth + 1} (${next.length} assemblies).`);
    level = next;
  }
  return { componentId, depth: deepest, items, repeatedAssemblyIds: [...repeated] };
};
