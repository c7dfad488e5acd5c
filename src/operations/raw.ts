import { DuroClient, Variables } from "../client/duroClient";

/** Any document the user wrote, sent as is with the connection's headers; errors still come back as DuroError. */
export const rawRequest = (client: DuroClient, query: string, variables: Variables): Promise<Record<string, unknown>> =>
  client.request<Record<string, unknown>>(query, variables);
