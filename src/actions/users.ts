import { action } from "@prismatic-io/spectral";
import { clientFor } from "../client/forAction";
import { connectionInput, debugRequest } from "../inputs";
import * as users from "../operations/users";

export const getCurrentUser = action({
  display: {
    label: "Get Current User",
    description: "Get the user the connection's API key belongs to, with their company.",
  },
  inputs: { connection: connectionInput, debugRequest },
  perform: async (context, { connection, debugRequest }) => ({
    data: await users.getCurrentUser(clientFor(context, connection, debugRequest)),
  }),
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

export const listCompanyUsers = action({
  display: {
    label: "List Company Users",
    description: "List every user in the company of the connection's API key, with role, title and last login.",
  },
  inputs: { connection: connectionInput, debugRequest },
  perform: async (context, { connection, debugRequest }) => ({
    data: await users.listCompanyUsers(clientFor(context, connection, debugRequest)),
  }),
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
    },
  },
});
