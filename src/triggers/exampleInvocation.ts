/** Who and what an example trigger payload was invoked for: one imagined Acme Robotics deployment, the same in every trigger's example. */
export const EXAMPLE_INVOCATION = {
  customer: { id: "customerId", name: "Acme Robotics", externalId: "acme" },
  instance: { id: "instanceId", name: "Acme Robotics – Duro" },
  user: { id: "userId", email: "ada.lovelace@acme-robotics.example", name: "Ada Lovelace", externalId: "ada" },
  integration: { id: "integrationId", name: "Duro to ERP", versionSequenceId: "1", externalVersion: "1.0.0" },
  flow: { id: "flowId", name: "Duro changes", stableId: "duro-changes" },
};
