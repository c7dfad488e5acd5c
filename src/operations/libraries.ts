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
      result: (data: { organization: { findAll: Array<{ libraries: Library[] }> } }) =>
        wholeList(data.organization.findAll.flatMap((organization) => organization.libraries)),
    }),
  },
};
