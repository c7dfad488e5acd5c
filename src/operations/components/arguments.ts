// What the component operations take, the same in every dialect, and the not-found both dialects' lookups raise.
import { DuroError } from "../../client/errors";
import { PageRequest } from "../../client/pagination";

export const LIBRARY_TYPES = ["GENERAL", "PERSONAL"] as const;
export type LibraryType = (typeof LIBRARY_TYPES)[number];

export interface ComponentLookup {
  componentId: string;
}

export interface ListComponentsArgs {
  libraryType: LibraryType;
  first: number;
  after?: string;
}

export const MATCH_MODES = ["all", "any"] as const;
type MatchMode = (typeof MATCH_MODES)[number];

/** What Search Components (and the component picklist) look for; every text is optional. */
export interface ComponentCriteria {
  /** Part of the name. */
  name?: string;
  /** Part of the CPN. */
  cpn?: string;
  /** The status, whole (e.g. PRODUCTION). */
  status?: string;
  /** The category's name, whole (e.g. Electrical). */
  category?: string;
  /** Whether a component must meet every criterion above or any one of them. */
  match: MatchMode;
  /** Duro Hub only: one ComponentFilterConditionInput in Duro's own JSON form, combined with the criteria above by "and". */
  filter?: Record<string, unknown>;
}

/** Classic only: which library to search (default GENERAL, the company library). */
export type SearchComponentsArgs = ComponentCriteria & PageRequest & { libraryType?: LibraryType };

/** The fields Create and Update Component set (Duro's CreateComponentInput); what is not given is not sent. */
export interface ComponentFields {
  name?: string;
  description?: string;
  categoryId?: string;
  statusId?: string;
  revisionValue?: string;
  /** The external ID, e.g. the ERP's. */
  eid?: string;
}

export interface ComponentUpdateArgs {
  componentId: string;
  /** Update only if the component is still at this version (optimistic concurrency). */
  expectedVersion?: number;
  changes: ComponentFields;
}

export const componentNotFound = (componentId: string): DuroError =>
  new DuroError(
    "not-found",
    `No component with ID "${componentId}" in Duro. Check the ID (it is the component's id, not its CPN) and that the API key's user can see that library.`,
  );
