import type { Operation } from "./dialects";

export type AnyOperation = Operation<never, unknown>;

// Keyed by the action or trigger object itself, so the keys live only where the component lists its steps.
const declared = new WeakMap<object, readonly AnyOperation[]>();

/**
 * Declares the operations an action or trigger may run (none for one that sends only what it is given), next to its
 * definition: Check Connection checks them against the endpoint's schema.
 */
export const declareOperations = (step: object, ...operations: AnyOperation[]): void => {
  declared.set(step, operations);
};

/** The operations a step declared; a step without a declaration is a defect of the connector, not of the flow. */
export const operationsOf = (key: string, step: object): readonly AnyOperation[] => {
  const operations = declared.get(step);
  if (!operations) throw new Error(`The step "${key}" does not declare its operations (declareOperations next to its definition).`);
  return operations;
};
