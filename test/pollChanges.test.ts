// The pollChanges trigger through spectral's harness against the sandbox over HTTP, in both dialects: several polls
// with records changing between and during them, equal timestamps, and a cap smaller than the changes. The check is
// the same everywhere: no change is delivered twice, and every record's latest change is delivered. Then pollChanges
// like Prismatic's polling triggers: Show New Records / Show Updated Records (both on by default, as in the field
// component), and batching through spectral's trigger resolver, on both dialects.
import { ActionContext } from "@prismatic-io/spectral";
import { changeRecord, ChangeResource, settleAll } from "../fixtures/changes";
import { PollData, polledNoChanges, pollingFlowInstance, PollResult, Row } from "../fixtures/flowInstance";
import { HUB_ALTERNATIVES } from "../fixtures/hubAlternatives";
import { DuroSandbox } from "../fixtures/sandbox";
import { ChangedRecord } from "../src/triggers/pollChanges";
import { ENDPOINT_CASES, harness, hubConnection, recordingLogger, sandboxConnection, shapeDifferences, useSandbox } from "./support";

const MINUTE = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();
/** The timestamp of a delivered record, whatever the dialect calls it. */
const modifiedAt = (row: Row): string => (row.lastModified ?? row.updatedAt) as string;

/** A trigger's instance with its polling state kept between runs, and everything it delivered, poll by poll. */
const pollerFor = (sandbox: () => DuroSandbox, connection: typeof sandboxConnection, resource: ChangeResource, params: Record<string, unknown> = {}) => {
  const polls: PollData[] = [];
  const { lines, logger } = recordingLogger();
  const flow = pollingFlowInstance(harness, { params: () => ({ connection: connection(sandbox()), resource, settleSeconds: "0", ...params }), logger });
  const poll = async (): Promise<PollResult> => {
    const result = await flow.poll();
    polls.push(result.payload.body.data);
    return result;
  };
  /** Polls until a poll finds nothing (at most 20 polls: a cursor that never advances must fail, not hang). */
  const drain = async (): Promise<number> => {
    for (let delivering = 0; delivering < 20; delivering += 1) {
      if (polledNoChanges(await poll())) return delivering;
    }
    throw new Error("20 polls in a row delivered changes: the cursor does not advance.");
  };
  const delivered = () => polls.flatMap((data) => [...data.created, ...data.updated]);
  const pairs = () => delivered().map((row) => `${row.id}@${modifiedAt(row)}`);
  return { poll, drain, polls, delivered, pairs, lines };
};

/** Exactly once: no (record, change time) twice, and each record's current state among what was delivered. */
const expectExactlyOnce = (pairs: string[], current: Array<{ id: string; lastModified: string }>) => {
  expect(pairs.length).toBe(new Set(pairs).size);
  const expected = current.map((record) => `${record.id}@${new Date(record.lastModified).toISOString()}`);
  const normalized = new Set(pairs.map((pair) => pair.replace(/@(.*)$/, (_, at: string) => `@${new Date(at).toISOString()}`)));
  expect(expected.filter((pair) => !normalized.has(pair))).toEqual([]);
};

const nextTick = async (after: number): Promise<void> => {
  while (Date.now() <= after) await new Promise((resolve) => setTimeout(resolve, 1));
};

describe.each(ENDPOINT_CASES)("pollChanges on the $name dialect", ({ dialect, hubVariant, connectionFor: connection }) => {
  const sandbox = useSandbox({ dialect, hubVariant, seed: { components: 250, changeOrders: 40 } });
  const now = Date.now();
  const quiet = now - 30 * 24 * 60 * MINUTE;
  const recordsOf = (resource: ChangeResource) => (resource === "components" ? sandbox().data.components.filter((c) => c.libraryType === "GENERAL") : sandbox().data.changeOrders);

  beforeEach(() => settleAll(sandbox().data, iso(quiet)));

  it.each(["components", "changeOrders"] as const)(
    "%s: equal timestamps across a cap of 4, new and changed records between polls, each delivered exactly once",
    async (resource) => {
      const poller = pollerFor(sandbox, connection, resource, { maxChangesPerPoll: "4" });
      expect(polledNoChanges(await poller.poll())).toBe(true);

      const records = recordsOf(resource);
      const tie = now - 5 * 60 * MINUTE;
      records.slice(0, 7).forEach((record) => changeRecord(sandbox().data, resource, record.id, { at: iso(tie) }));
      records.slice(7, 10).forEach((record, index) => changeRecord(sandbox().data, resource, record.id, { at: iso(tie + (index + 1) * MINUTE) }));
      changeRecord(sandbox().data, resource, `${resource}-new-1`, { at: iso(tie + 2 * MINUTE) });
      changeRecord(sandbox().data, resource, `${resource}-new-2`, { at: iso(tie + 2 * MINUTE) });

      expect(await poller.drain()).toBe(3);
      expect(poller.polls.slice(1, 4).map((data) => data.created.length + data.updated.length)).toEqual([4, 4, 4]);
      expect(poller.polls.slice(1, 4).map((data) => data.pending)).toEqual([8, 4, 0]);
      expect(poller.polls.flatMap((data) => data.created.map((row) => row.id)).sort()).toEqual([`${resource}-new-1`, `${resource}-new-2`]);
      expectExactlyOnce(poller.pairs(), recordsOf(resource).filter((record) => Date.parse(record.lastModified) > quiet));

      // Between polls: one delivered record changes again, another at the very same time as the cursor.
      const cursorTime = Date.parse(modifiedAt(poller.delivered().at(-1) as Row));
      changeRecord(sandbox().data, resource, records[0].id, { at: iso(tie + 10 * MINUTE) });
      changeRecord(sandbox().data, resource, records[20].id, { at: iso(cursorTime) });
      expect(await poller.drain()).toBe(1);
      const last = poller.polls.at(-2) as PollData;
      expect(last.created).toEqual([]);
      expect(last.updated.map((row) => row.id).sort()).toEqual([records[0].id, records[20].id].sort());
      expectExactlyOnce(poller.pairs(), recordsOf(resource).filter((record) => Date.parse(record.lastModified) > quiet));
    },
  );

  it("components: records changed during a poll (between its pages) come on the next poll, nothing twice", async () => {
    const poller = pollerFor(sandbox, connection, "components");
    const records = recordsOf("components");
    expect(records.length).toBeGreaterThan(150);
    const start = now - 8 * 60 * MINUTE;
    records.slice(0, 150).forEach((record, index) => changeRecord(sandbox().data, "components", record.id, { at: iso(start + index * 1000) }));

    // While the poll reads its second page, the newest and the oldest change record changes again. Classic lists the
    // newest first and Duro Hub in library order, so in both one of them is on the page already read, one is not.
    const [newest, oldest] = [records[149], records[0]];
    let requests = 0;
    let changedAt = 0;
    const stop = sandbox().onRequest(() => {
      requests += 1;
      if (requests !== 2) return;
      // The one on the page already read changes first, so a poll that trusted the other's time would skip it.
      changedAt = Date.now();
      changeRecord(sandbox().data, "components", dialect === "classic" ? newest.id : oldest.id, { at: iso(changedAt) });
      changeRecord(sandbox().data, "components", dialect === "classic" ? oldest.id : newest.id, { at: iso(changedAt + 1) });
    });
    const first = await poller.poll();
    stop();
    expect(requests).toBeGreaterThanOrEqual(2);
    const firstRows = [...first.payload.body.data.created, ...first.payload.body.data.updated];
    expect(firstRows.filter((row) => Date.parse(modifiedAt(row)) >= changedAt)).toEqual([]);

    await nextTick(changedAt + 1);
    await poller.drain();
    const later = poller.polls.slice(1).flatMap((data) => data.updated.map((row) => row.id));
    expect(later).toEqual(expect.arrayContaining([newest.id, oldest.id]));
    expectExactlyOnce(poller.pairs(), recordsOf("components").filter((record) => Date.parse(record.lastModified) > quiet));
  });

  it("the first poll looks back as configured, and its example payload has the shape of a real result", async () => {
    const records = recordsOf("components");
    changeRecord(sandbox().data, "components", records[0].id, { at: iso(now - 3 * 60 * MINUTE) });
    changeRecord(sandbox().data, "components", records[1].id, { at: iso(now - 30 * MINUTE) });
    const poller = pollerFor(sandbox, connection, "components", { lookBackHours: "1" });
    const result = await poller.poll();
    expect(result.payload.body.data.updated.map((row) => row.id)).toEqual([records[1].id]);
    const example = harness.component.triggers.pollChanges.examplePayload as unknown as PollResult;
    // The example shows classic records; Duro Hub's have their own shape (as for the list actions).
    expect(dialect === "classic" ? shapeDifferences(result.payload.body, example.payload.body) : []).toEqual([]);
    expect(poller.lines.join("\n")).toContain("1 updated");
  });
});

describe.each([
  ["classic", sandboxConnection],
  ["hub", hubConnection],
] as const)("pollChanges on the %s dialect: a record's first delivery is in created", (_dialect, connection) => {
  const sandbox = useSandbox({ dialect: _dialect, seed: { components: 30, changeOrders: 5 } });
  const now = Date.now();
  beforeEach(() => settleAll(sandbox().data, iso(now - 30 * 24 * 60 * MINUTE)));
  const ids = (rows: Row[]) => rows.map((row) => row.id);

  it("when the settle time held it back while the mark passed its creation", async () => {
    const params: Record<string, unknown> = { settleSeconds: "60" };
    const poller = pollerFor(sandbox, connection, "components", params);
    expect(polledNoChanges(await poller.poll())).toBe(true);
    const existing = sandbox().data.components.find((component) => component.libraryType === "GENERAL")?.id as string;
    changeRecord(sandbox().data, "components", "cmp-new-settle", { created: iso(now - 3 * MINUTE), at: iso(Date.now()) });
    changeRecord(sandbox().data, "components", existing, { at: iso(now - 2 * MINUTE) });
    const second = (await poller.poll()).payload.body.data;
    expect([ids(second.created), ids(second.updated), second.pending]).toEqual([[], [existing], 1]);
    params.settleSeconds = "0";
    const third = (await poller.poll()).payload.body.data;
    expect([ids(third.created), ids(third.updated)]).toEqual([["cmp-new-settle"], []]);
  });

  it("when the cap held it back while the mark passed its creation, and its next change is in updated", async () => {
    const poller = pollerFor(sandbox, connection, "components", { maxChangesPerPoll: "1" });
    expect(polledNoChanges(await poller.poll())).toBe(true);
    const existing = sandbox().data.components.find((component) => component.libraryType === "GENERAL")?.id as string;
    changeRecord(sandbox().data, "components", "cmp-new-cap", { created: iso(now - 3 * MINUTE), at: iso(now - 1 * MINUTE) });
    changeRecord(sandbox().data, "components", existing, { at: iso(now - 2 * MINUTE) });
    const second = (await poller.poll()).payload.body.data;
    expect([ids(second.created), ids(second.updated), second.pending]).toEqual([[], [existing], 1]);
    const third = (await poller.poll()).payload.body.data;
    expect([ids(third.created), ids(third.updated)]).toEqual([["cmp-new-cap"], []]);
    changeRecord(sandbox().data, "components", "cmp-new-cap", { at: iso(now - MINUTE / 2) });
    const fourth = (await poller.poll()).payload.body.data;
    expect([ids(fourth.created), ids(fourth.updated)]).toEqual([[], ["cmp-new-cap"]]);
  });
});

describe("pollChanges on the classic dialect: a new record the poll never saw (it changed while the list was read)", () => {
  const sandbox = useSandbox({ seed: { components: 250, changeOrders: 5 } });

  it("is in created when it comes on the next poll", async () => {
    const now = Date.now();
    settleAll(sandbox().data, iso(now - 30 * 24 * 60 * MINUTE));
    const poller = pollerFor(sandbox, sandboxConnection, "components");
    expect(polledNoChanges(await poller.poll())).toBe(true);
    const start = now - 8 * 60 * MINUTE;
    const records = sandbox().data.components.filter((component) => component.libraryType === "GENERAL");
    records.slice(0, 150).forEach((record, index) => changeRecord(sandbox().data, "components", record.id, { at: iso(start + index * 1000) }));
    // Among the oldest changes, so on the second page of the newest-first list.
    changeRecord(sandbox().data, "components", "cmp-unseen", { at: iso(start + 10_500) });
    let requests = 0;
    const stop = sandbox().onRequest(() => {
      requests += 1;
      if (requests === 2) changeRecord(sandbox().data, "components", "cmp-unseen", { at: iso(Date.now()) });
    });
    const second = (await poller.poll()).payload.body.data;
    stop();
    expect([...second.created, ...second.updated].map((row) => row.id)).not.toContain("cmp-unseen");
    await nextTick(Date.now() + 1);
    const third = (await poller.poll()).payload.body.data;
    expect([third.created.map((row) => row.id), third.updated.map((row) => row.id)]).toEqual([["cmp-unseen"], []]);
  });
});

describe("pollChanges with a bad saved cursor", () => {
  const sandbox = useSandbox({ seed: { components: 30, changeOrders: 5 } });
  const now = Date.now();
  beforeEach(() => settleAll(sandbox().data, iso(now - 30 * 24 * 60 * MINUTE)));

  it.each([
    ["a watermark that is not a date", "yesterday"],
    ["an epoch number as text", "1736937000000"],
    ["an epoch number", 1_736_937_000_000],
    ["a watermark in the future", "2999-01-01T00:00:00.000Z"],
    ["no watermark", undefined],
  ])("%s: warns and restarts from the look-back instead of stalling", async (_, watermark) => {
    const existing = sandbox().data.components.find((component) => component.libraryType === "GENERAL")?.id as string;
    changeRecord(sandbox().data, "components", existing, { at: iso(now - 30 * MINUTE) });
    const { lines, logger } = recordingLogger();
    const instanceState: Record<string, unknown> = { __prismaticInternal: { polling: { components: { watermark, idsAtWatermark: [] } } } };
    const result = (await harness.trigger("pollChanges", undefined, { connection: sandboxConnection(sandbox()), resource: "components", settleSeconds: "0", lookBackHours: "1" }, {
      instanceState,
      logger,
    } as unknown as ActionContext)) as unknown as PollResult;
    expect(result.payload.body.data.updated.map((row) => row.id)).toEqual([existing]);
    expect(lines.filter((line) => line.startsWith("warn:"))).toEqual([expect.stringContaining("look-back")]);
  });
});

describe("pollChanges on a Duro Hub whose component filter takes no pagination", () => {
  const sandbox = useSandbox({ dialect: "hub", seed: { components: 60, changeOrders: 4 }, schemaEdit: HUB_ALTERNATIVES.unpagedFilter });

  it("reads every change in one answer and delivers each exactly once", async () => {
    const now = Date.now();
    const poller = pollerFor(sandbox, hubConnection, "components", { maxChangesPerPoll: "4" });
    expect(polledNoChanges(await poller.poll())).toBe(true);
    const records = sandbox().data.components.filter((component) => component.libraryType === "GENERAL");
    records.slice(0, 6).forEach((record, index) => changeRecord(sandbox().data, "components", record.id, { at: iso(now - (index + 1) * MINUTE) }));
    expect(await poller.drain()).toBe(2);
    expect(poller.delivered().map((row) => row.id).sort()).toEqual(records.slice(0, 6).map((record) => record.id).sort());
    expect(sandbox().requests.map((request) => request.operationName)).toContain("ChangedComponentsUnpaged");
  });
});

describe("pollChanges on a Duro Hub whose change order filter has only ids", () => {
  const sandbox = useSandbox({ dialect: "hub", seed: { components: 10, changeOrders: 30 }, schemaEdit: HUB_ALTERNATIVES.changeOrderFilterIdsOnly });

  it("reads every change order and delivers those changed since its mark, each exactly once", async () => {
    const now = Date.now();
    const poller = pollerFor(sandbox, hubConnection, "changeOrders");
    expect(polledNoChanges(await poller.poll())).toBe(true);
    const changed = [sandbox().data.changeOrders[3], sandbox().data.changeOrders[17]];
    changed.forEach((record, index) => changeRecord(sandbox().data, "changeOrders", record.id, { at: iso(now - (index + 1) * MINUTE) }));
    expect(await poller.drain()).toBe(1);
    expect(poller.delivered().map((row) => row.id).sort()).toEqual(changed.map((record) => record.id).sort());
    expect(sandbox().requests.map((request) => request.operationName)).toContain("ChangedChangeOrdersUnfiltered");
  });
});

describe("pollChanges inputs", () => {
  it.each([
    ["resource", { resource: "users" }],
    ["maxChangesPerPoll", { maxChangesPerPoll: "0" }],
    ["lookBackHours", { lookBackHours: "-1" }],
    ["settleSeconds", { settleSeconds: "soon" }],
  ])("refuses a bad %s before any request", async (key, params) => {
    await expect(
      harness.trigger("pollChanges", undefined, { connection: { key: "duroApiKey", fields: {} }, ...params }, { instanceState: {} } as unknown as Partial<ActionContext>),
    ).rejects.toMatchObject({ kind: "invalid-input", input: key });
  });
});

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
