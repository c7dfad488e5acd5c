// Small real servers on 127.0.0.1 for what the sandbox cannot be: a port nobody listens on, and an endpoint that
// answers with exactly the bytes a test gives (or never answers), counting the requests it got.
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo, createServer as createNetServer, Socket } from "node:net";

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
export const freePort = async (): Promise<number> => {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
};

/** How the scripted server answers one request; `undefined` means it never answers. */
export type Script = ((request: IncomingMessage, response: ServerResponse) => void) | undefined;

export interface ScriptedServer {
  url: string;
  /** Requests received since the last `answerWith`. */
  requests: number;
  /** Every following request is answered by `script` (or never, with undefined). */
  answerWith: (script: Script) => void;
}

/** Starts one scripted server per suite and closes it (and any hanging socket) after. */
export const useScriptedServer = (): (() => ScriptedServer) => {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const state: ScriptedServer = {
    url: "",
    requests: 0,
    answerWith: (script) => {
      state.requests = 0;
      current = script;
    },
  };
  let current: Script;
  beforeAll(async () => {
    server = createServer((request, response) => {
      state.requests += 1;
      request.resume();
      request.on("end", () => current?.(request, response));
    });
    server.on("connection", (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return () => state;
};
