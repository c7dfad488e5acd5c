// Changed records in the classic dialect (documented): components (the company library) and change orders, newest
// first by `lastModified`; the poller reads until a record is older than its cursor. Records carry `created` and
// `lastModified`.
import { Connection, mapPage, Page, toPage } from "../../client/pagination";
import { CLASSIC_CHANGE_ORDER_SUMMARY, ClassicChangeOrderSummary } from "../changeOrders/classic";
import { CLASSIC_COMPONENT_SUMMARY, ComponentSummary } from "../components";
import { dialectQuery } from "../dialects";
import type { ChangesSince, TimestampedRecord } from ".";

/** A page of classic records with the two timestamps polling needs. */
const changedPage = <T extends { id: string; created: string | null; lastModified: string | null }>(connection: Connection<T>): Page<TimestampedRecord<T>> =>
  mapPage(toPage(connection), (record) => ({ id: record.id, createdAt: record.created, modifiedAt: record.lastModified, record }));

/** A query named `operationName` of `list`, newest change first, each record as `fragment` (named `fragmentName`) selects it. */
const newestFirst = (operationName: string, list: string, fragmentName: string, fragment: string): string => /* GraphQL */ `
  query ${operationName}($first: Int, $after: String) {
    ${list} {
      connection(first: $first, after: $after) {
        edges {
          cursor
          node { ...${fragmentName} }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
  ${fragment}
`;

const pageRequest = ({ first, after }: ChangesSince) => ({ first, after });

export const changedComponents = dialectQuery({
  document: newestFirst("ChangedComponents", "components(libraryType: GENERAL, orderBy: [{ lastModified: desc }])", "ComponentSummaryFields", CLASSIC_COMPONENT_SUMMARY),
  variables: pageRequest,
  result: (data: { components: { connection: Connection<ComponentSummary> } }) => changedPage(data.components.connection),
});

export const changedChangeOrders = dialectQuery({
  document: newestFirst("ChangedChangeOrders", "changeOrders(orderBy: [{ lastModified: desc }])", "ChangeOrderSummaryFields", CLASSIC_CHANGE_ORDER_SUMMARY),
  variables: pageRequest,
  result: (data: { changeOrders: { connection: Connection<ClassicChangeOrderSummary> } }) => changedPage(data.changeOrders.connection),
});
