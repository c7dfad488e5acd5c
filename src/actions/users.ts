import { GET_CURRENT_USER, LIST_COMPANY_USERS } from "../operations/users";
import { OUTPUT_SCHEMAS } from "../outputSchemas";
import { operationAction } from "./operationAction";

export const getCurrentUser = operationAction(GET_CURRENT_USER, {
  display: {
    label: "Get Current User",
    description: "Get the user the connection's API key belongs to, with their company (classic Duro environments).",
  },
  examplePayload: {
    data: {
      id: "user-1",
      email: "ada.lovelace@acme-robotics.example",
      firstName: "Ada",
      lastName: "Lovelace",
      primaryCompany: { id: "company-1", name: "Acme Robotics" },
    },
  },
});

export const listCompanyUsers = operationAction(LIST_COMPANY_USERS, {
  display: {
    label: "List Company Users",
    description: "List every user in the company of the connection's API key, with role, title and last login, and the company's ID and name (classic Duro environments).",
  },
  outputSchema: OUTPUT_SCHEMAS.companyUsers,
  examplePayload: {
    data: {
      items: [
        {
          id: "user-1",
          email: "ada.lovelace@acme-robotics.example",
          firstName: "Ada",
          lastName: "Lovelace",
          created: "2025-01-06T09:00:00.000Z",
          role: "ADMINISTRATOR",
          title: "Head of Hardware",
          lastLogin: "2025-02-16T01:00:00.000Z",
        },
      ],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 1,
      company: { id: "company-1", name: "Acme Robotics" },
    },
  },
});
