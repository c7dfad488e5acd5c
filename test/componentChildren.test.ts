// Get Component Children (a component's BOM) through spectral's harness against the sandbox, counting its requests:
// the BOM is read level by level, so that its requests grow with the depth of the tree, not with its number of parts.
import { SeedComponent, createSeed } from "../fixtures/seed";
import { actionsOn, describeHub, hubConnection, recordingLogger, runAction, sandboxConnection, useSandbox } from "./support";

const seed = createSeed();
const ids = (items: Array<{ id: string }>): string[] => items.map((item) => item.id);

interface Bom {
  componentId: string;
  depth: number;
  items: Array<{ id: string; depth: number; parentId: string; childCount: number; name: string | null }>;
  repeatedAssemblyIds: string[];
}

/** The number of components of a complete tree of `depth` levels under component 0 (the seed's BOM rule). */
const completeTree = (fanOut: number, depth: number): number => (fanOut ** (depth + 1) - 1) / (fanOut - 1);

describe.each([3, 4, 5])("getComponentChildren flattening a complete %i-level BOM", (depth) => {
  const seedOptions = { components: completeTree(3, depth), changeOrders: 1, bomFanOut: 3 };
  const sandbox = useSandbox({ seed: seedOptions });
  const { data } = actionsOn(sandbox, sandboxConnection);
  const tree = createSeed(seedOptions).components;

  it(`lists all ${completeTree(3, depth) - 1} parts in ${depth} requests: one per level, not one per part`, async () => {
    const bom = await data<Bom>("getComponentChildren", { componentId: tree[0].id, flatten: "true" });
    expect(sandbox().requests).toHaveLength(depth);
    expect(bom.depth).toBe(depth);
    expect(bom.items).toHaveLength(tree.length - 1);
    expect(ids(bom.items)).toEqual(ids(tree.slice(1)));
    expect(bom.items[0]).toMatchObject({ depth: 1, parentId: tree[0].id, childCount: 3 });
    expect(bom.items.at(-1)).toMatchObject({ depth, childCount: 0 });
    expect(bom.repeatedAssemblyIds).toEqual([]);
  });

  it("logs its progress after every level but the last", async () => {
    const { lines, logger } = recordingLogger();
    await runAction("getComponentChildren", { connection: sandboxConnection(sandbox()), componentId: tree[0].id, flatten: "true" }, { logger });
    const progress = lines.filter((line) => line.includes(`BOM of ${tree[0].id}: level`));
    expect(progress).toHaveLength(depth - 1);
    expect(progress[0]).toBe(`info: BOM of ${tree[0].id}: level 1 read, 3 parts so far; reading level 2 (3 assemblies).`);
  });
});

describe("getComponentChildren", () => {
  const sandbox = useSandbox();
  const { data, failure } = actionsOn(sandbox, sandboxConnection);
  const [root] = seed.components;

  it("without Flatten lists the direct children in one request", async () => {
    const bom = await data<Bom>("getComponentChildren", { componentId: root.id });
    expect(ids(bom.items)).toEqual(root.childIds);
    expect(bom.items.every((item) => item.depth === 1 && item.parentId === root.id)).toBe(true);
    expect(bom.depth).toBe(1);
    expect(sandbox().requests).toHaveLength(1);
  });

  it("a component without children has an empty BOM of depth 0", async () => {
    const leaf = seed.components.at(-1) as SeedComponent;
    await expect(data<Bom>("getComponentChildren", { componentId: leaf.id, flatten: "true" })).resolves.toEqual({
      componentId: leaf.id,
      depth: 0,
      items: [],
      repeatedAssemblyIds: [],
    });
  });

  it("an unknown ID is not-found, naming it", async () => {
    const error = await failure("getComponentChildren", { componentId: "cmp-99999" });
    expect(error.kind).toBe("not-found");
    expect(error.message).toContain('"cmp-99999"');
  });
});

describe("getComponentChildren on a BOM with more than 100 assemblies on one level", () => {
  const seedOptions = { components: completeTree(11, 3), changeOrders: 1, bomFanOut: 11 };
  const sandbox = useSandbox({ seed: seedOptions });
  const { data } = actionsOn(sandbox, sandboxConnection);

  it("looks the level up in page-sized chunks: 121 assemblies on level 3 take two requests", async () => {
    const bom = await data<Bom>("getComponentChildren", { componentId: "cmp-00001", flatten: "true" });
    expect(bom.items).toHaveLength(completeTree(11, 3) - 1);
    expect(sandbox().requests.map((request) => (request.variables?.ids as string[]).length)).toEqual([1, 11, 100, 21]);
  });
});

describe("getComponentChildren on a BOM with a shared assembly and a cycle", () => {
  // A 2-level tree of 13: cmp-00001 → cmp-00002..4 → cmp-00005..13. Then cmp-00004 also uses the assembly
  // cmp-00002, and the part cmp-00005 uses cmp-00001, the top: a cycle.
  const sandbox = useSandbox({ seed: { components: 13, changeOrders: 1, bomFanOut: 3 } });
  const { data } = actionsOn(sandbox, sandboxConnection);

  it("lists each use but reads each assembly's children once, and stops at the cycle", async () => {
    const [top, shared, , user, part] = sandbox().data.components;
    user.childIds.push(shared.id);
    part.childIds.push(top.id);
    const bom = await data<Bom>("getComponentChildren", { componentId: top.id, flatten: "true" });
    expect(bom.repeatedAssemblyIds.sort()).toEqual([top.id, shared.id].sort());
    expect(bom.items.filter((item) => item.id === shared.id).map((item) => item.parentId)).toEqual([top.id, user.id]);
    expect(bom.items.filter((item) => item.id === top.id)).toEqual([expect.objectContaining({ parentId: part.id, depth: 3 })]);
    expect(bom.items.filter((item) => item.parentId === shared.id)).toHaveLength(3);
    expect(bom.depth).toBe(3);
    expect(sandbox().requests).toHaveLength(3);
  });
});

describeHub("getComponentChildren", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant });
  const { failure } = actionsOn(sandbox, hubConnection);

  it("fails before any request: Duro Hub documents no BOM field", async () => {
    const error = await failure("getComponentChildren", { componentId: "cmp-00001", flatten: "true" });
    expect(error).toMatchObject({ kind: "invalid-input", input: "duroEnvironment" });
    expect(error.message).toContain("Raw Request");
    expect(sandbox().requests).toHaveLength(0);
  });
});
