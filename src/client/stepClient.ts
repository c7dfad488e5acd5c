import { ActionContext, Connection } from "@prismatic-io/spectral";
import { DuroClient, DuroClientOptions } from "./duroClient";

/** The inputs every step has (`library` only on library-scoped steps). */
export interface StepInputs {
  connection: Connection;
  debugRequest: boolean;
  library?: string;
}

/**
 * The client for one step: debug logging is on when the step asks for it or the platform's debug mode is on, and a
 * step's Library replaces the connection's (Duro Hub's way to reach several libraries with one connection).
 * Picklists (data sources) have no platform debug mode, so `debug` is optional. `limits` replace the connection's
 * timeout and retry policy where a step must end sooner (deploy-time code).
 */
export const stepClient = (
  context: Pick<ActionContext, "logger"> & Partial<Pick<ActionContext, "debug">>,
  { connection, debugRequest, library }: StepInputs,
  limits: Pick<DuroClientOptions, "timeoutMs" | "retry"> = {},
): DuroClient =>
  new DuroClient(library ? { ...connection.fields, library } : connection.fields, {
    logger: context.logger,
    debug: debugRequest || Boolean(context.debug?.enabled),
    ...limits,
  });
