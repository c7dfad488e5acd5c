// The component operations: each names its documents per dialect (classic.ts, hub.ts: newest first, the older
// shape's last), and the steps that take more than one request (many IDs, an update that knows its version).
import { DuroClient } from "../../client/duroClient";
import { DuroError, invalidInput } from "../../client/errors";
import { chunked, MAX_PAGE_SIZE, Page } from "../../client/pagination";
import { Operation, perform } from "../dialects";
import { ComponentFields, ComponentLookup, ComponentUpdateArgs, ListComponentsArgs, SearchComponentsArgs } from "./arguments";
import * as classic from "./classic";
import { Component, ComponentSummary } from "./classic";
import * as hub from "./hub";
import { HubComponent } from "./hub";

export { ComponentFields, LIBRARY_TYPES, MATCH_MODES } from "./arguments";
export { CLASSIC_COMPONENT_SUMMARY, Component, ComponentSummary } from "./classic";
export { HubComponent } from "./hub";

export const GET_COMPONENT: Operation<ComponentLookup, Component | HubComponent> = {
  name: "Get Component by ID",
  documents: { classic: classic.getComponent, hub: [hub.getComponent, hub.getComponentLegacy] },
};

export const LIST_COMPONENTS: Operation<ListComponentsArgs, Page<ComponentSummary | HubComponent>> = {
  name: "List Components",
  documents: { classic: classic.listComponents, hub: [hub.listComponents, hub.listComponentsLegacy] },
};

export const GET_COMPONENTS_BY_IDS: Operation<{ ids: string[] }, Array<ComponentSummary | HubComponent>> = {
  name: "Get Components by IDs",
  documents: { classic: classic.getComponentsByIds, hub: [hub.getComponentsByIds, hub.getComponentsByIdsLegacy] },
};

export const SEARCH_COMPONENTS: Operation<SearchComponentsArgs, Page<ComponentSummary | HubComponent>> = {
  name: "Search Components",
  documents: { classic: classic.searchComponents, hub: [hub.searchComponents, hub.searchComponentsUnpaged, hub.searchComponentsLegacy] },
};

// Duro Hub only, newest shape only: classic Duro and Duro Hub's older shape document no component mutation.
export const CREATE_COMPONENT: Operation<ComponentFields & { name: string }, HubComponent> = {
  name: "Create Component",
  documents: { hub: [hub.createComponent, hub.createComponentOne] },
};

export const UPDATE_COMPONENT: Operation<ComponentUpdateArgs, HubComponent> = {
  name: "Update Component",
  documents: { hub: hub.updateComponent },
};

/** How many IDs one Get Components by IDs step takes: ten requests of a page each. */
export const MAX_LOOKUP_IDS = 1_000;

interface ComponentsByIds<TComponent> {
  /** The components found, in the order their IDs were given. */
  items: TComponent[];
  /** The IDs Duro has no component for, in the order given. */
  missingIds: string[];
}

/**
 * Looks up many components with one request per page (100 IDs), however many IDs there are; the answer keeps the
 * order of `ids` (Duro's own order is not documented) and names the IDs it did not find.
 */
export const lookUpComponentsByIds = async (client: DuroClient, ids: readonly string[]): Promise<ComponentsByIds<ComponentSummary | HubComponent>> => {
  const found = new Map<string, ComponentSummary | HubComponent>();
  for (const run of chunked(ids, MAX_PAGE_SIZE)) {
    for (const component of await perform(client, GET_COMPONENTS_BY_IDS, { ids: run })) found.set(component.id, component);
  }
  return {
    items: ids.flatMap((id) => found.get(id) ?? []),
    missingIds: ids.filter((id) => !found.has(id)),
  };
};

const CHANGEABLE_FIELDS = "Name, Description, Category ID, Status ID, Revision or External ID";

/** Duro's answer to an update whose expectedVersion no longer matches; its error code is undocumented, so the message counts too. */
const isVersionConflict = (error: unknown): error is DuroError =>
  error instanceof DuroError &&
  error.kind === "graphql" &&
  (error.graphqlErrors ?? []).some(
    ({ code, message }) => code === "VERSION_CONFLICT" || code === "CONFLICT" || (/version/i.test(message) && /conflict|mismatch|expected|stale|outdated/i.test(message)),
  );

/**
 * Updates a Duro Hub component. Nothing to change fails before sending; a version conflict (another change since the
 * flow read the component) fails as invalid `expectedVersion`, telling the user to read the component again.
 */
export const updateHubComponent = async (client: DuroClient, args: ComponentUpdateArgs): Promise<HubComponent> => {
  if (Object.values(args.changes).every((value) => value === undefined)) {
    throw invalidInput("componentId", `nothing to change on component "${args.componentId}": give at least one of ${CHANGEABLE_FIELDS}. Nothing was sent.`);
  }
  try {
    return await perform(client, UPDATE_COMPONENT, args);
  } catch (error) {
    if (args.expectedVersion === undefined || !isVersionConflict(error)) throw error;
    const said = (error.graphqlErrors ?? []).map(({ message }) => message).join("; ");
    throw new DuroError(
      "invalid-input",
      `Invalid input "expectedVersion": component "${args.componentId}" changed since it was read (it is no longer at version ${args.expectedVersion}), so Duro updated nothing. Read the component again (Get Component by ID), check its current values, and run the update with its current version as Expected Version. Duro said: ${said}`,
      { input: "expectedVersion", operation: error.operation, status: error.status, graphqlErrors: error.graphqlErrors, cause: error },
    );
  }
};
