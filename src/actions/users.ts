import { action } from "@prismatic-io/spectral";
import { stepClient } from "../client/forAction";
import { connectionInput, debugRequest } from "../inputs/shared";
import { perform } from "../operations/dialects";
import { GET_CURRENT_USER, LIST_COMPANY_USERS } from "../operations/users";
import { declareOperations } from "../operations/stepOperations";
import { OUTPUT_SCHEMAS } from "../outputSchemas";

export const getCurrentUser = action({
  display: {
    label: "Get Current User",
    description: "Get the user the connection's API key belongs to, with their company (classic Duro environments).",
  },
  inputs: { connection: connectionInput, debugRequest },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), GET_CURRENT_USER, undefined),
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
    description: "List every user in the company of the connection's API key, with role, title and last login, and the company's ID and name (classic Duro environments).",
  },
  inputs: { connection: connectionInput, debugRequest },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), LIST_COMPANY_USERS, undefined),
  }),
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

declareOperations(getCurrentUser, GET_CURRENT_USER);
declareOperations(listCompanyUsers, LIST_COMPANY_USERS);
