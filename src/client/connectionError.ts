// A failure caused by the connection itself is thrown as spectral's ConnectionError, so Prismatic marks the instance's
// configuration ("Configuration Error") and an ops person knows to fix the connection, not the flow. The message and
// the DuroError's `kind` and details stay, so flows and logs read it the same way.
import { Connection, ConnectionError } from "@prismatic-io/spectral";
import { DuroError, DuroErrorKind, DuroGraphQLErrorDetail } from "./errors";

/** Connection fields whose invalid values are the connection's fault only (no step input has these keys). */
const CONNECTION_ONLY_INPUTS = new Set(["apiKey", "customDuroEnvironment", "organization"]);

/** The parts of a step's params that decide whose fault a failure is. */
export interface StepParams {
  connection?: Connection;
  /** The step's own Library, which replaces the connection's. */
  library?: string;
}

/**
 * Whether the connection's own fields caused `error`: the key refused (`auth`); Duro Hub's organization or library
 * missing (`missing-context`) or not the key's (`forbidden` naming no permission; one naming a permission is a role
 * to change in Duro), unless the step set its own Library; or a connection field that is not valid.
 */
export const isConnectionFailure = (error: DuroError, { library }: StepParams): boolean => {
  switch (error.kind) {
    case "auth":
      return true;
    case "missing-context":
      return !library;
    case "forbidden":
      return !library && error.permission === undefined;
    case "invalid-input":
      return error.input !== undefined && CONNECTION_ONLY_INPUTS.has(error.input);
    default:
      return false;
  }
};

/** The connection as the error carries it: its secret fields left out, as every error's must be. */
const withoutSecrets = (connection: Connection): Connection => {
  const fields = Object.fromEntries(Object.entries(connection.fields).filter(([key]) => key !== "apiKey"));
  return { ...connection, fields, token: undefined };
};

/** A DuroError caused by the connection, as spectral's ConnectionError: same message, `kind` and details. */
export class DuroConnectionError extends ConnectionError {
  readonly kind: DuroErrorKind;
  readonly status?: number;
  readonly operation?: string;
  readonly graphqlErrors?: DuroGraphQLErrorDetail[];
  readonly input?: string;
  readonly permission?: string;
  readonly attempts?: number;

  constructor(error: DuroError, connection: Connection) {
    super(withoutSecrets(connection), error.message);
    this.name = "DuroConnectionError";
    this.kind = error.kind;
    this.status = error.status;
    this.operation = error.operation;
    this.graphqlErrors = error.graphqlErrors;
    this.input = error.input;
    this.permission = error.permission;
    this.attempts = error.attempts;
    this.cause = error;
  }
}

/** `error` as the step should throw it: a ConnectionError when the step's connection caused it, else unchanged. */
export const asConnectionError = (error: unknown, params: StepParams): unknown =>
  error instanceof DuroError && params.connection && isConnectionFailure(error, params) ? new DuroConnectionError(error, params.connection) : error;

type StepFunction = (...args: never[]) => Promise<unknown>;

/** `run` with its failures passed through asConnectionError; every step function takes its params last. */
const guarded = <F extends StepFunction>(run: F): F =>
  (async (...args: Parameters<F>) => {
    try {
      return await run(...args);
    } catch (error) {
      throw asConnectionError(error, (args[args.length - 1] ?? {}) as StepParams);
    }
  }) as F;

interface Step {
  perform: StepFunction;
}

/** Actions or data sources whose connection failures are thrown as ConnectionError. */
export const guardSteps = <T extends Record<string, Step>>(steps: T): T =>
  Object.fromEntries(Object.entries(steps).map(([key, step]) => [key, { ...step, perform: guarded(step.perform) }])) as T;

interface TriggerStep extends Step {
  onInstanceDeploy?: StepFunction;
  onInstanceDelete?: StepFunction;
  webhookLifecycleHandlers?: { create: StepFunction; delete: StepFunction };
}

/** Triggers whose connection failures (in perform, deploy, delete and webhook lifecycle) are thrown as ConnectionError. */
export const guardTriggers = <T extends Record<string, TriggerStep>>(triggers: T): T =>
  Object.fromEntries(
    Object.entries(triggers).map(([key, { perform, onInstanceDeploy, onInstanceDelete, webhookLifecycleHandlers, ...rest }]) => [
      key,
      {
        ...rest,
        perform: guarded(perform),
        ...(onInstanceDeploy ? { onInstanceDeploy: guarded(onInstanceDeploy) } : {}),
        ...(onInstanceDelete ? { onInstanceDelete: guarded(onInstanceDelete) } : {}),
        ...(webhookLifecycleHandlers
          ? { webhookLifecycleHandlers: { create: guarded(webhookLifecycleHandlers.create), delete: guarded(webhookLifecycleHandlers.delete) } }
          : {}),
      },
    ]),
  ) as T;

/** A failure of the connector's own, whichever of its two forms (a connection's fault or not) it takes. */
export const isDuroFailure = (error: unknown): error is DuroError | DuroConnectionError => error instanceof DuroError || error instanceof DuroConnectionError;
