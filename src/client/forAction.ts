import { ActionContext, Connection } from "@prismatic-io/spectral";
import { DuroClient } from "./duroClient";

/** The inputs every step has (`library` only on library-scoped steps). */
export interface StepInputs {
  connection: Connection;
  debugRequest: boolean;
  library?: string;
}

/**
 * The client for one step: debug logging is on when the step asks for it or the platform's debug mode is on, and a
 * step's Library replaces the connection's (Duro Hub's way to reach several libraries with one connection).
 * Picklists (data sources) have no platform debug mode, so `debug` is optional.
 */
export const stepClient = (
  context: Pick<ActionContext, "logger"> & Partial<Pick<ActionContext, "debug">>,
  { connection, debugRequest, library }: StepInputs,
): DuroClient =>
  new DuroClient(library ? { ...connection.fields, library } : connection.fields, {
    logger: context.logger,
    debug: debugRequest || Boolean(context.debug?.enabled),
  });
