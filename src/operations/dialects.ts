import { DuroClient } from "../client/duroClient";
import { invalidInput } from "../client/errors";
import { Dialect } from "../connections/endpoint";

/** One GraphQL document per dialect for one operation; a dialect without a document does not offer it. */
export interface OperationDocuments {
  name: string;
  documents: Partial<Record<Dialect, string>>;
}

const DIALECT_NAMES: Record<Dialect, string> = {
  classic: "the classic Duro API (Main/MFG, ITAR, EU)",
  v2: "Duro Hub (API v2)",
};

export const documentFor = (client: DuroClient, { name, documents }: OperationDocuments): string => {
  const document = documents[client.dialect];
  if (document === undefined) {
    throw invalidInput(
      "duroEnvironment",
      `${name} is not available on ${DIALECT_NAMES[client.dialect]}. Use the Raw Request action with a query for this environment, or a connection for another Duro Environment.`,
    );
  }
  return document;
};
