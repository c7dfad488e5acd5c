import { DuroClient } from "../client/duroClient";
import { DuroError } from "../client/errors";
import { Page, wholeList } from "../client/pagination";
import { documentFor, OperationDocuments } from "./dialects";

export interface UserSummary {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface CurrentUser extends UserSummary {
  primaryCompany: { id: string; name: string | null } | null;
}

export interface CompanyUser extends UserSummary {
  created: string | null;
  role: string | null;
  title: string | null;
  lastLogin: string | null;
}

export const GET_CURRENT_USER: OperationDocuments = {
  name: "Get Current User",
  documents: {
    classic: /* GraphQL */ `
      query GetCurrentUser {
        userById {
          id
          email
          firstName
          lastName
          primaryCompany { id name }
        }
      }
    `,
  },
};

export const LIST_COMPANY_USERS: OperationDocuments = {
  name: "List Company Users",
  documents: {
    classic: /* GraphQL */ `
      query ListCompanyUsers {
        userById {
          primaryCompany {
            id
            name
            users { id email firstName lastName created role title lastLogin }
          }
        }
      }
    `,
  },
};

export const getCurrentUser = async (client: DuroClient): Promise<CurrentUser> => {
  const { userById } = await client.request<{ userById: CurrentUser | null }>(documentFor(client, GET_CURRENT_USER));
  if (!userById) {
    throw new DuroError("not-found", "Duro returned no user for this API key. Check that the key belongs to a user of the connection's Duro Environment.");
  }
  return userById;
};

export const listCompanyUsers = async (client: DuroClient): Promise<Page<CompanyUser>> => {
  const data = await client.request<{ userById: { primaryCompany: { users: Array<CompanyUser | null> | null } | null } | null }>(
    documentFor(client, LIST_COMPANY_USERS),
  );
  const users = data.userById?.primaryCompany?.users ?? [];
  return wholeList(users.filter((user): user is CompanyUser => user !== null));
};
