import { action } from "@prismatic-io/spectral";
import { stepClient } from "../client/stepClient";
import { query, variables, variablesObject } from "../inputs/rawRequest";
import { connectionInput, debugRequest, library } from "../inputs/shared";
import { declareOperations } from "../operations/stepOperations";

export const rawRequest = action({
  display: {
    label: "Raw Request",
    description: "Send any GraphQL query or mutation to the connection's Duro endpoint and return its data.",
  },
  inputs: {
    connection: connectionInput,
    query,
    variables,
    variablesObject,
    library,
    debugRequest,
  },
  perform: async (context, params) => ({
    data: await stepClient(context, params).request<Record<string, unknown>>(params.query, { ...params.variables, ...params.variablesObject }),
  }),
  examplePayload: {
    data: {
      components: {
        connection: {
          totalCount: 54,
          edges: [
            {
              cursor: "Y3Vyc29yOjA=",
              node: { id: "cmp-00001", name: "Resistor 1", created: "2025-01-06T09:00:00.000Z", lastModified: "2025-01-06T14:00:00.000Z" },
            },
          ],
        },
      },
    },
  },
});

// It sends only the query it is given.
declareOperations(rawRequest);
