import { action, ActionDisplayDefinition, OutputSchema } from "@prismatic-io/spectral";
import { stepClient } from "../client/stepClient";
import { connectionInput, debugRequest } from "../inputs/shared";
import { Operation, perform } from "../operations/dialects";
import { declareOperations } from "../operations/stepOperations";

/**
 * An action without inputs of its own (only the connection and Debug Request) that returns what one operation
 * answers; it declares that operation, so Check Connection checks it.
 */
export const operationAction = <TResult>(
  operation: Operation<void, TResult>,
  definition: { display: ActionDisplayDefinition; outputSchema?: OutputSchema; examplePayload: { data: TResult } },
) => {
  const step = action({
    ...definition,
    inputs: { connection: connectionInput, debugRequest },
    perform: async (context, params) => ({ data: await perform(stepClient(context, params), operation, undefined) }),
  });
  declareOperations(step, operation);
  return step;
};
