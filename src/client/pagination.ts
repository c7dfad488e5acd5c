export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<TNode> {
  totalCount?: number;
  edges: Array<{ cursor: string; node: TNode }>;
  pageInfo: PageInfo;
}

/** The list output every list action returns (DESIGN.md, "Outputs"): a loop step iterates `items`. */
export interface Page<TItem> {
  items: TItem[];
  pageInfo: PageInfo;
  totalCount?: number;
}

export const toPage = <TNode>({ edges, pageInfo, totalCount }: Connection<TNode>): Page<TNode> => ({
  items: edges.map((edge) => edge.node),
  pageInfo: { hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor ?? null },
  ...(totalCount === undefined ? {} : { totalCount }),
});

/** A list Duro returns whole (no cursor), in the same shape as a paged one. */
export const wholeList = <TItem>(items: TItem[]): Page<TItem> => ({
  items,
  pageInfo: { hasNextPage: false, endCursor: null },
  totalCount: items.length,
});
