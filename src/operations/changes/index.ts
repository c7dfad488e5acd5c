// Records changed since a moment, in each dialect, for the Poll for Changed Records trigger (whose cursor, in
// src/triggers/changePolling.ts, makes polling lose nothing).
import { Page } from "../../client/pagination";
import { ClassicChangeOrderSummary } from "../changeOrders/classic";
import { HubChangeOrder } from "../changeOrders/hub";
import { ComponentSummary, HubComponent } from "../components";
import { Operation } from "../dialects";
import * as classic from "./classic";
import * as hub from "./hub";

/** What the poller can watch: the records each dialect has a changed-since query for. */
export const CHANGE_RESOURCES = ["components", "changeOrders"] as const;
export type ChangeResource = (typeof CHANGE_RESOURCES)[number];

/** One record with the two timestamps polling needs, whatever the dialect calls them. */
export interface TimestampedRecord<TRecord> {
  id: string;
  createdAt: string | null;
  modifiedAt: string | null;
  record: TRecord;
}

export interface ChangesSince {
  /** ISO 8601: records modified at or after this moment. */
  since: string;
  first: number;
  after?: string;
}

type ChangedComponent = ComponentSummary | HubComponent;

export const CHANGED_COMPONENTS: Operation<ChangesSince, Page<TimestampedRecord<ChangedComponent>>> = {
  name: "Changed Components",
  documents: { classic: classic.changedComponents, hub: hub.changedComponents },
};

type ChangedChangeOrder = ClassicChangeOrderSummary | HubChangeOrder;

export const CHANGED_CHANGE_ORDERS: Operation<ChangesSince, Page<TimestampedRecord<ChangedChangeOrder>>> = {
  name: "Changed Change Orders",
  documents: { classic: classic.changedChangeOrders, hub: hub.changedChangeOrders },
};

/** The changed-since operation of each resource the poller can watch (the poll reads it; Check Connection checks it). */
export const CHANGED_RECORDS: Record<ChangeResource, Operation<ChangesSince, Page<TimestampedRecord<unknown>>>> = {
  components: CHANGED_COMPONENTS,
  changeOrders: CHANGED_CHANGE_ORDERS,
};
