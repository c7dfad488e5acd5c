import { LIST_LIBRARIES } from "../operations/libraries";
import { OUTPUT_SCHEMAS } from "../outputSchemas";
import { operationAction } from "./operationAction";

export const listLibraries = operationAction(LIST_LIBRARIES, {
  display: {
    label: "List Libraries",
    description: "Duro Hub: list the libraries of your organization, with their IDs, to use as a step's or connection's Library.",
  },
  outputSchema: OUTPUT_SCHEMAS.libraryList,
  examplePayload: {
    data: {
      items: [{ id: "fc28b204-0cd0-46b3-96eb-b0720c16c423", name: "Main Library" }],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 1,
    },
  },
});
