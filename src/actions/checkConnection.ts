import { action } from "@prismatic-io/spectral";
import { stepClient } from "../client/stepClient";
import { resolveEndpoint } from "../connections/endpoint";
import { connectionInput, debugRequest } from "../inputs/shared";
import { ConnectionReport, reportConnection } from "../operations/connectionCheck";
import { AnyOperation, declareOperations, operationsOf } from "../operations/stepOperations";
import * as triggers from "../triggers";
// The component's own list of actions (this module is one of them): read when the step runs, after every module loaded.
import * as actions from "./index";

export const checkConnection = action({
  display: {
    label: "Check Connection",
    description:
      "Check one connection: the endpoint and its API dialect, whether Duro accepts the key and whom it belongs to, when the key expires, and which actions and triggers work there (checked against the endpoint's own schema).",
  },
  inputs: { connection: connectionInput, debugRequest },
  perform: async (context, params): Promise<{ data: ConnectionReport }> => {
    const { apiKey, headers } = resolveEndpoint(params.connection.fields);
    const steps: Array<{ key: string; operations: readonly AnyOperation[] }> = [...Object.entries<object>(actions), ...Object.entries<object>(triggers)]
      .map(([key, step]) => ({ key, operations: operationsOf(key, step) }))
      .sort((a, b) => a.key.localeCompare(b.key));
    return {
      data: await reportConnection(stepClient(context, params), { apiKey, organization: headers["x-organization"] ?? null, steps, now: Date.now() }),
    };
  },
  examplePayload: {
    data: {
      endpoint: "https://mfg.duro.app/graphql",
      dialect: "classic",
      authenticated: true,
      identity: { kind: "user", id: "user-1", name: "Ada Lovelace", email: "ada.lovelace@acme-robotics.example", organization: "Acme Robotics" },
      schema: "introspected",
      actions: [
        {
          key: "archiveWebhook",
          supported: false,
          reason: "Archive Webhook is not available on the classic Duro API (Main/MFG, ITAR, EU) (Duro documents it for Duro Hub (API v2) only).",
        },
        { key: "checkConnection", supported: true },
        { key: "getComponentById", supported: true },
      ],
      apiKeyExpiresAt: "2025-03-01T09:00:00.000Z",
      warnings: [
        "The API key expires on 2025-03-01T09:00:00.000Z, in 9 day(s). Create a new key in Duro (avatar → Account settings → Integrations → Get API Key) and paste it into the connection.",
      ],
    },
  },
});

declareOperations(checkConnection);
