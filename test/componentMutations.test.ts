// Create Component and Update Component (Duro Hub) through spectral's harness against the sandbox: what they send
// and return, optimistic concurrency with Expected Version, the checks made before anything is sent, no retry where
// Duro may have acted, the refusal on classic Duro, and on Duro Hub's older shape, which has no component mutation.
import { DuroSandbox, startSandbox } from "../fixtures/sandbox";
import { actionsOn, failureOf, hubConnection, NEWEST_HUB_ONLY_ACTION_KEYS, runAction, sandboxConnection, SMALL_SEED, useSandbox } from "./support";

interface HubComponentOut {
  id: string;
  name: string;
  description: string | null;
  eid: string | null;
  status: { id: string; name: string } | null;
  category: { id: string; name: string; type: string } | null;
  revisionValue: string | null;
  version: number;
}

describe("createComponent and updateComponent on Duro Hub", () => {
  const sandbox = useSandbox({ dialect: "hub", seed: SMALL_SEED });
  const run = (key: string, params: Record<string, unknown>) => runAction(key, { connection: hubConnection(sandbox()), ...params });
  const data = async (key: string, params: Record<string, unknown>) => ((await run(key, params)) as { data: HubComponentOut }).data;
  const stored = (id: string) => sandbox().data.components.find((component) => component.id === id);

  it("createComponent sends one input in Duro's list and returns the new component as Duro Hub shapes it", async () => {
    const created = await data("createComponent", {
      name: "Wrist bracket",
      description: "Holds the wrist motor",
      categoryId: "category-mechanical",
      statusId: "status-prototype",
      eid: "ERP-004711",
    });
    expect(sandbox().requests).toHaveLength(1);
    expect(sandbox().requests[0].variables).toEqual({
      inputs: [{ name: "Wrist bracket", description: "Holds the wrist motor", categoryId: "category-mechanical", statusId: "status-prototype", eid: "ERP-004711" }],
    });
    expect(created).toMatchObject({
      name: "Wrist bracket",
      eid: "ERP-004711",
      status: { id: "status-prototype", name: "PROTOTYPE" },
      category: { id: "category-mechanical", name: "Mechanical", type: "PART" },
      revisionValue: "A",
      version: 1,
    });
    expect(stored(created.id)).toMatchObject({ name: "Wrist bracket", libraryType: "GENERAL" });
  });

  it("updateComponent changes only the fields given, checked against the expected version, and counts the version up", async () => {
    const before = { ...stored("cmp-00002")! };
    const updated = await data("updateComponent", { componentId: "cmp-00002", description: "Now with a datasheet", expectedVersion: String(before.version) });
    expect(sandbox().requests[0].variables).toEqual({ inputs: [{ id: "cmp-00002", expectedVersion: before.version, description: "Now with a datasheet" }] });
    expect(updated).toMatchObject({ id: "cmp-00002", name: before.name, description: "Now with a datasheet", version: before.version + 1 });
  });

  it("updateComponent with a stale expected version fails as expectedVersion, says to read the component again, and changes nothing", async () => {
    const before = { ...stored("cmp-00004")! };
    const error = await failureOf(run("updateComponent", { componentId: "cmp-00004", name: "Lost update", expectedVersion: String(before.version - 1) }));
    expect(error).toMatchObject({ kind: "invalid-input", input: "expectedVersion" });
    expect(error.message).toContain("Read the component again");
    expect(error.message).toContain(`version ${before.version}`);
    expect(stored("cmp-00004")).toEqual(before);
    expect(sandbox().requests).toHaveLength(1);
  });

  it("updateComponent without an expected version updates whatever the version", async () => {
    await expect(data("updateComponent", { componentId: "cmp-00005", revisionValue: "B.2" })).resolves.toMatchObject({ revisionValue: "B.2" });
  });

  it("updateComponent with nothing to change fails before sending", async () => {
    const error = await failureOf(run("updateComponent", { componentId: "cmp-00001", expectedVersion: "1" }));
    expect(error).toMatchObject({ kind: "invalid-input", input: "componentId" });
    expect(error.message).toContain("at least one of Name");
    expect(sandbox().requests).toHaveLength(0);
  });

  it("updateComponent of an unknown component is not-found", async () => {
    const error = await failureOf(run("updateComponent", { componentId: "cmp-99999", name: "Nobody" }));
    expect(error.kind).toBe("not-found");
  });

  it("createComponent with a status the library does not have passes on Duro's refusal, naming it", async () => {
    const error = await failureOf(run("createComponent", { name: "Odd", statusId: "status-unknown" }));
    expect(error.kind).toBe("graphql");
    expect(error.message).toContain("status-unknown");
  });

  it("createComponent whose answer is lost after Duro acted is not sent again, and says to check", async () => {
    const count = sandbox().data.components.length;
    sandbox().failNext({ type: "drop-after-execute" });
    const error = await failureOf(run("createComponent", { name: "Sent once" }));
    expect(sandbox().requests).toHaveLength(1);
    expect(sandbox().data.components).toHaveLength(count + 1);
    expect(error.message.toLowerCase()).toContain("check");
  });
});

describe("createComponent and updateComponent on classic Duro", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });

  it.each([
    ["createComponent", { name: "Bracket" }],
    ["updateComponent", { componentId: "cmp-00001", name: "Bracket" }],
  ])("%s fails before sending, naming Duro Hub", async (key, params) => {
    const error = await failureOf(runAction(key, { connection: sandboxConnection(sandbox()), ...params }));
    expect(error).toMatchObject({ kind: "invalid-input", input: "duroEnvironment" });
    expect(error.message).toContain("Duro Hub (API v2)");
    expect(sandbox().requests).toHaveLength(0);
  });
});

describe("createComponent on Duro Hub's older shape, whose schema the connector has not read yet", () => {
  let sandbox: DuroSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ dialect: "hub", hubVariant: "legacy", seed: SMALL_SEED });
  });
  afterAll(async () => sandbox.stop());

  it("is refused as invalid (nothing ran), reads the schema once, and fails naming what the endpoint lacks", async () => {
    const count = sandbox.data.components.length;
    const error = await failureOf(runAction("createComponent", { connection: hubConnection(sandbox), name: "Never created" }));
    expect(error.kind).toBe("graphql");
    expect(error.message).toContain('Cannot query field "component" on type "Mutation"');
    expect(sandbox.requests.map((request) => request.operationName)).toEqual(["CreateComponent", "IntrospectionQuery"]);
    expect(sandbox.data.components).toHaveLength(count);
  });
});

describe("component mutations on Duro Hub's older shape, whose schema the connector has read", () => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant: "legacy", seed: SMALL_SEED });
  const { data } = actionsOn(sandbox, hubConnection);

  it.each(NEWEST_HUB_ONLY_ACTION_KEYS)("%s fails before anything runs, naming what the endpoint lacks", async (key) => {
    const params = key === "createComponent" ? { name: "Example" } : { componentId: "cmp-00002", description: "Changed" };
    const error = await failureOf(data(key, params));
    expect(error.kind).toBe("graphql");
    expect(error.message).toContain("nothing ran there");
    expect(error.message).toContain('Cannot query field "component" on type "Mutation"');
    expect(sandbox().requests).toHaveLength(0);
  });
});
