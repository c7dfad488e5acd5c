// The pollChanges trigger through spectral's harness against the sandbox over HTTP, in both dialects: several polls
// with records changing between and during them, equal timestamps, and a cap smaller than the changes. The check is
// the same everywhere: no change is delivered twice, and every record's latest change is delivered.
import { ActionContext } from "@prismatic-io/spectral";
import { changeRecord, ChangeResource, settleAll } from "../fixtures/changes";
import { PollData, polledNoChanges, pollingFlowInstance, PollResult, Row } from "../fixtures/flowInstance";
import { HUB_ALTERNATIVES } from "../fixtures/hubAlternatives";
import { DuroSandbox } from "../fixtures/sandbox";
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

describe("pollChanges on a Duro Hub whose component filter takes no pagination", () => {
  const sandbox = useSandbox({ dialect: "v2", seed: { components: 60, changeOrders: 4 }, schemaEdit: HUB_ALTERNATIVES.unpagedFilter });

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
  const sandbox = useSandbox({ dialect: "v2", seed: { components: 10, changeOrders: 30 }, schemaEdit: HUB_ALTERNATIVES.changeOrderFilterIdsOnly });

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
