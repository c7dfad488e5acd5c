import { ActionContext, Connection } from "@prismatic-io/spectral";
import { DuroClient } from "./duroClient";

/** The client for one action run: debug logging is on when the step asks for it or the platform's debug mode is on. */
export const clientFor = (context: Pick<ActionContext, "logger" | "debug">, connection: Connection, debugRequest: boolean): DuroClient =>
  new DuroClient(connection.fields, { logger: context.logger, debug: debugRequest || context.debug.enabled });
