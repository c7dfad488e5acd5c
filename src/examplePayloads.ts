// Example records that several steps' example payloads show.

/** A classic component as the list and read steps return it. */
export const componentSummary = {
  id: "cmp-00001",
  cpn: { displayValue: "100-00001" },
  name: "Resistor 1",
  description: "Resistor number 1 of the Acme robot arm",
  category: "Electrical",
  status: "DESIGN",
  revisionValue: "A",
  workflowState: "DESIGN",
  mass: 0.1,
  created: "2025-01-06T09:00:00.000Z",
  lastModified: "2025-01-06T14:00:00.000Z",
};
