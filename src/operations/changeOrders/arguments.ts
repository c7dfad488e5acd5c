// What the change order operations take, whichever the dialect; each dialect's documents say what they do with an
// input only classic Duro knows (the type).
export const CHANGE_ORDER_TYPES = ["ECO", "MCO", "DCO"] as const;
export type ChangeOrderType = (typeof CHANGE_ORDER_TYPES)[number];

export const CHANGE_ORDER_SORT_FIELDS = ["con", "name", "lastModified"] as const;
type ChangeOrderSortField = (typeof CHANGE_ORDER_SORT_FIELDS)[number];
/** Duro's own `ChangeOrdersOrderByInput` form: `[{ "name": "asc" }]`. */
export type ChangeOrderOrderBy = Array<Partial<Record<ChangeOrderSortField, "asc" | "desc">>>;

/** Which change orders a list keeps: every one when both are empty. */
export interface ChangeOrderFilters {
  /** The status, whole (e.g. DRAFT, OPEN); case is ignored on classic Duro. */
  status?: string;
  type?: ChangeOrderType;
}

export interface ListChangeOrdersArgs extends ChangeOrderFilters {
  orderBy?: ChangeOrderOrderBy;
  first: number;
  after?: string;
}

export interface CreateChangeOrderArgs {
  name: string;
  description?: string;
  type: ChangeOrderType;
}
