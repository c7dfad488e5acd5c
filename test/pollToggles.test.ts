// pollChanges like Prismatic's polling triggers: Show New Records / Show Updated Records (both on by default, as in
// the field component), and batching through spectral's trigger resolver, run through the harness on both dialects.
import { ActionContext } from "@prismatic-io/spectral";
import { changeRecord, settleAll } from "../fixtures/changes";
import { polledNoChanges, pollingFlowInstance } from "../fixtures/flowInstance";
import { ChangedRecord } from "../src/triggers/pollChanges";
import { harness, hubConnection, recordingLogger, sandboxConnection, useSandbox } from "./support";

const MINUTE = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe.each([
  ["classic", sandboxConnection],
  ["hub", hubConnection],
] as const)("pollChanges toggles and batching, %s dialect", (dialect, connection) => {
  const sandbox = useSandbox({ dialect, seed: { components: 30, changeOrders: 5 } });
  const now = Date.now();
  const quiet = now - 30 * 24 * 60 * MINUTE;

  let created = 0;
  /** A fresh trigger instance whose first poll sets its cursor on a quiet library; then one created and two updated components. */
  const pollerWithChanges = async (params: Record<string, unknown>) => {
    created += 1;
    const newId = `cmp-new-toggle-${created}`;
    settleAll(sandbox().data, iso(quiet));
    const { lines, logger } = recordingLogger();
    const flow = pollingFlowInstance(harness, { params: () => ({ connection: connection(sandbox()), resource: "components", settleSeconds: "0", ...params }), logger });
    expect(polledNoChanges(await flow.poll())).toBe(true);
    const general = sandbox().data.components.filter((component) => component.libraryType === "GENERAL");
    changeRecord(sandbox().data, "components", general[0].id, { at: iso(now - 3 * MINUTE) });
    changeRecord(sandbox().data, "components", general[1].id, { at: iso(now - 2 * MINUTE) });
    changeRecord(sandbox().data, "components", newId, { at: iso(now - MINUTE) });
    return { flow, lines, newId, updatedIds: [general[0].id, general[1].id] };
  };

  it("by default shows both created and updated records", async () => {
    const { flow, newId, updatedIds } = await pollerWithChanges({});
    const { created: createdRows, updated } = (await flow.poll()).payload.body.data;
    expect(createdRows.map((row) => row.id)).toEqual([newId]);
    expect(updated.map((row) => row.id)).toEqual(updatedIds);
  });

  it("Show New Records off: only updated records, and the skipped ones do not come later", async () => {
    const { flow, lines, updatedIds } = await pollerWithChanges({ showNewRecords: "false" });
    const { created: createdRows, updated } = (await flow.poll()).payload.body.data;
    expect(createdRows).toEqual([]);
    expect(updated.map((row) => row.id)).toEqual(updatedIds);
    expect(lines.join("\n")).toContain("1 created not shown, as set");
    expect(polledNoChanges(await flow.poll())).toBe(true);
  });

  it("Show Updated Records off: only created records; a poll with only updates ends with no changes", async () => {
    const { flow, newId } = await pollerWithChanges({ showUpdatedRecords: "false" });
    const first = await flow.poll();
    expect(first.payload.body.data.created.map((row) => row.id)).toEqual([newId]);
    expect(first.payload.body.data.updated).toEqual([]);
    changeRecord(sandbox().data, "components", newId, { at: iso(Date.now() - 1000) });
    expect(polledNoChanges(await flow.poll())).toBe(true);
  });

  it("offers batching: the resolver turns one poll's output into created then updated items, with a default batch size", async () => {
    const trigger = harness.component.triggers.pollChanges;
    expect(trigger.triggerResolverSupport).toBe("valid");
    expect(trigger.triggerResolverDefaultBatchSize).toBe(100);
    const { flow, newId, updatedIds } = await pollerWithChanges({});
    const result = await flow.poll();
    const items = trigger.resolveTriggerItems?.({} as ActionContext, result as unknown as Parameters<NonNullable<typeof trigger.resolveTriggerItems>>[1]) as ChangedRecord[];
    expect(items.map(({ resource, change, record }) => [resource, change, (record as { id: string }).id])).toEqual([
      ["components", "created", newId],
      ...updatedIds.map((id) => ["components", "updated", id]),
    ]);
  });

  it("the toggles are in the trigger's inputs, on by default", () => {
    const inputs = harness.component.triggers.pollChanges.inputs;
    for (const key of ["showNewRecords", "showUpdatedRecords"]) expect(inputs.find((input) => input.key === key)).toMatchObject({ type: "boolean", default: "true" });
  });
});
