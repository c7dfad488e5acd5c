// Changed records in Duro Hub: components through `component.filter` with the documented `updatedAt: { after }`
// condition and `createdAt` / `updatedAt` fields; change orders with the same filter on `changeOrders.get` (ASSUMED:
// Duro documents only `ids` there; an endpoint without it is read whole and filtered here). The older shape used `gte`.
import { DuroError } from "../../client/errors";
import { Connection, mapPage, Page, toPage } from "../../client/pagination";
import { changeOrdersGet, ChangeOrdersGot, fromLegacyChangeOrder, HUB_CHANGE_ORDER_PASS_THROUGH, HubChangeOrder, LegacyHubChangeOrder } from "../changeOrders/hub";
import {
  fromLegacyComponent,
  HUB_COMPONENT_FIELDS,
  HUB_COMPONENT_PASS_THROUGH,
  HubComponent,
  LEGACY_HUB_COMPONENT_FIELDS,
  LegacyHubComponent,
  unpaged,
  UnpagedAnswer,
  unpagedPage,
} from "../components/hub";
import { dialectQuery } from "../dialects";
import type { ChangesSince, TimestampedRecord } from ".";

type HubTimestamps = { id: string; createdAt: string | null; updatedAt: string | null };

/** A page of Duro Hub records with the two timestamps polling needs, each record as `view` makes it. */
const changedPage = <T, U extends HubTimestamps>(page: Page<T>, view: (item: T) => U): Page<TimestampedRecord<U>> =>
  mapPage(page, (item) => {
    const record = view(item);
    return { id: record.id, createdAt: record.createdAt, modifiedAt: record.updatedAt, record };
  });

const asIs = <T>(item: T): T => item;

/**
 * Duro Hub's newest `updatedAt: { after }` is strict, but the cursor needs the records changed at exactly its mark
 * too (those a capped poll left for the next one): ask for those after the millisecond before it.
 */
const changedSince = (since: string) => ({ updatedAt: { after: new Date(Date.parse(since) - 1).toISOString() } });

/** The older shape's filter, inclusive. */
const legacyChangedSince = ({ since, first, after }: ChangesSince) => ({ filter: { updatedAt: { gte: since } }, pagination: { first, after } });

// Polling reads each record's createdAt and updatedAt (and id): only the rest is passed on.
const polled = (passThrough: readonly string[]): string[] => passThrough.filter((field) => !/\.(createdAt|updatedAt)$/.test(field));
const POLLED_COMPONENT_PASS_THROUGH = polled(HUB_COMPONENT_PASS_THROUGH);
const POLLED_CHANGE_ORDER_PASS_THROUGH = polled(HUB_CHANGE_ORDER_PASS_THROUGH);

/** An unpaged filter's answer, only if it holds every match: a poll that silently missed changes would lose them. */
const wholeAnswer = <TNode>(answer: UnpagedAnswer<TNode>): Page<TNode> => {
  const page = unpagedPage(answer);
  if (answer.totalCount !== undefined && answer.totalCount > page.items.length) {
    throw new DuroError(
      "server",
      `Duro Hub answered ${page.items.length} of ${answer.totalCount} changed components and its filter takes no pagination, so the rest cannot be read. Poll more often, or report it to Duro support.`,
    );
  }
  return page;
};

export const changedComponents = [
  dialectQuery({
    document: /* GraphQL */ `
      query ChangedComponents($and: [ComponentFilterConditionInput!], $pagination: PaginationInput) {
        component {
          filter(input: { and: $and }, pagination: $pagination) {
            edges {
              node { ...HubComponentFields }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
      ${HUB_COMPONENT_FIELDS}
    `,
    passThrough: POLLED_COMPONENT_PASS_THROUGH,
    variables: ({ since, first, after }: ChangesSince) => ({ and: [changedSince(since)], pagination: { first, after } }),
    result: (data: { component: { filter: Connection<HubComponent> } }) => changedPage(toPage(data.component.filter), asIs),
  }),
  dialectQuery({
    document: /* GraphQL */ `
      query ChangedComponentsUnpaged($and: [ComponentFilterConditionInput!]) {
        component {
          filter(input: { and: $and }) {
            totalCount
            edges {
              node { ...HubComponentFields }
            }
          }
        }
      }
      ${HUB_COMPONENT_FIELDS}
    `,
    passThrough: POLLED_COMPONENT_PASS_THROUGH.filter((field) => field !== "*.totalCount"),
    variables: ({ since, ...request }: ChangesSince) => ({ and: [changedSince(since)], ...unpaged(request) }),
    result: (data: { component: { filter: UnpagedAnswer<HubComponent> } }) => changedPage(wholeAnswer(data.component.filter), asIs),
  }),
  dialectQuery({
    document: /* GraphQL */ `
      query ChangedComponentsLegacy($filter: ComponentFilterInput, $pagination: PaginationInput) {
        components {
          get(filter: $filter, pagination: $pagination) {
            connection {
              edges {
                node { ...LegacyHubComponentFields }
              }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
      }
      ${LEGACY_HUB_COMPONENT_FIELDS}
    `,
    passThrough: POLLED_COMPONENT_PASS_THROUGH,
    variables: legacyChangedSince,
    result: (data: { components: { get: { connection: Connection<LegacyHubComponent> } } }) => changedPage(toPage(data.components.get.connection), fromLegacyComponent),
  }),
];

export const changedChangeOrders = [
  dialectQuery({
    document: changeOrdersGet("ChangedChangeOrders", "newest"),
    passThrough: POLLED_CHANGE_ORDER_PASS_THROUGH,
    variables: ({ since, first, after }: ChangesSince) => ({ filter: changedSince(since), pagination: { first, after } }),
    result: (data: ChangeOrdersGot<Connection<HubChangeOrder>>) => changedPage(toPage(data.changeOrders.get.connection), asIs),
  }),
  dialectQuery({
    document: changeOrdersGet("ChangedChangeOrdersUnfiltered", "newest", { filtered: false }),
    passThrough: POLLED_CHANGE_ORDER_PASS_THROUGH,
    variables: ({ first, after }: ChangesSince) => ({ pagination: { first, after } }),
    // Every change order, in Duro's order: those changed before `since` are dropped here, so reading goes on to the last page.
    result: (data: ChangeOrdersGot<Connection<HubChangeOrder>>, { since }) => {
      const page = changedPage(toPage(data.changeOrders.get.connection), asIs);
      return { ...page, items: page.items.filter((item) => item.modifiedAt !== null && Date.parse(item.modifiedAt) >= Date.parse(since)) };
    },
  }),
  dialectQuery({
    document: changeOrdersGet("ChangedChangeOrdersLegacy", "legacy"),
    passThrough: POLLED_CHANGE_ORDER_PASS_THROUGH,
    variables: legacyChangedSince,
    result: (data: ChangeOrdersGot<Connection<LegacyHubChangeOrder>>) => changedPage(toPage(data.changeOrders.get.connection), fromLegacyChangeOrder),
  }),
];
