import { DuroError } from "../client/errors";
import { Page, wholeList } from "../client/pagination";
import { dialectQuery, noVariables, Operation } from "./dialects";

interface UserSummary {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

interface CurrentUser extends UserSummary {
  primaryCompany: { id: string; name: string | null } | null;
}

interface CompanyUser extends UserSummary {
  created: string | null;
  role: string | null;
  title: string | null;
  lastLogin: string | null;
}

export interface Company {
  id: string;
  name: string | null;
}

/** The company's users, with the company itself (as the field component returns it, for flows moving over). */
type CompanyUsers = Page<CompanyUser> & { company: Company | null };

// `userById` without an ID answers the API key's own user.
const currentUser = dialectQuery({
  document: /* GraphQL */ `
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
  nullable: ["userById"],
  variables: noVariables,
  result: ({ userById }: { userById: CurrentUser | null }) => {
    if (!userById) {
      throw new DuroError("not-found", "Duro returned no user for this API key. Check that the key belongs to a user of the connection's Duro Environment.");
    }
    return userById;
  },
});

const companyUsers = dialectQuery({
  document: /* GraphQL */ `
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
  nullable: ["userById"],
  variables: noVariables,
  result: (data: { userById: { primaryCompany: (Company & { users: Array<CompanyUser | null> | null }) | null } | null }) => {
    const company = data.userById?.primaryCompany ?? null;
    const users = (company?.users ?? []).filter((user): user is CompanyUser => user !== null);
    return { ...wholeList(users), company: company && { id: company.id, name: company.name } };
  },
});

// Duro's API docs do not document Duro Hub's user queries: these stay classic-only rather than guess a Duro Hub shape.
export const GET_CURRENT_USER: Operation<void, CurrentUser> = { name: "Get Current User", documents: { classic: currentUser } };

export const LIST_COMPANY_USERS: Operation<void, CompanyUsers> = { name: "List Company Users", documents: { classic: companyUsers } };
