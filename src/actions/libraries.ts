import { action } from "@prismatic-io/spectral";
import { stepClient } from "../client/forAction";
import { connectionInput, debugRequest } from "../inputs/shared";
import { perform } from "../operations/dialects";
import { LIST_LIBRARIES } from "../operations/libraries";
import { declareOperations } from "../operations/stepOperations";
import { OUTPUT_SCHEMAS } from "../outputSchemas";

export const listLibraries = action({
  display: {
    label: "List Libraries",
    description: "Duro Hub: list the libraries of your organization, with their IDs, to use as a step's or connection's Library.",
  },
  inputs: { connection: connectionInput, debugRequest },
  perform: async (context, params) => ({
    data: await perform(stepClient(context, params), LIST_LIBRARIES, undefined),
  }),
  outputSchema: OUTPUT_SCHEMAS.libraryList,
  examplePayload: {
    data: {
      items: [{ id: "fc28b204-0cd0-46b3-96eb-b0720c16c423", name: "Main Library" }],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 1,
    },
  },
});

declareOperations(listLibraries, LIST_LIBRARIES);
