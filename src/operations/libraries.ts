import { Page, wholeList } from "../client/pagination";
import { dialectQuery, noVariables, Operation } from "./dialects";

export interface Library {
  id: string;
  name: string;
}

/** Duro Hub only: the libraries of the organizations the key can see (organization → findAll → libraries). */
export const LIST_LIBRARIES: Operation<void, Page<Library>> = {
  name: "List Libraries",
  documents: {
    hub: dialectQuery({
      document: /* GraphQL */ `
        query ListLibraries {
          organization {
            findAll {
              libraries { id name }
            }
          }
        }
      `,
      variables: noVariables,
      // Inside the list, an organization or library may be null: there is nothing to list for it.
      result: (data: { organization: { findAll: Array<{ libraries: Array<Library | null> | null } | null> } }) =>
        wholeList(data.organization.findAll.flatMap((organization) => organization?.libraries ?? []).filter((library): library is Library => library !== null)),
    }),
  },
};
