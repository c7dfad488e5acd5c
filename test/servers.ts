// Small real servers on 127.0.0.1 for what the sandbox cannot be: a port nobody listens on, and an endpoint that
// answers with exactly the bytes a test gives (or never answers), counting the requests it got.
import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from "node:http";
import { AddressInfo, createServer as createNetServer, Socket } from "node:net";

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
export const freePort = async (): Promise<number> => {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
};

/** Listens on a free port of 127.0.0.1 and gives the GraphQL URL there. */
const listenLocally = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
};

/** Closes a server started by a suite (if it started), its open connections first. */
const closeServer = async (server: Server | undefined): Promise<void> => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
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
    state.url = await listenLocally(server);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await closeServer(server);
  });
  return () => state;
};

/** A server that hands each request and its whole body to a handler (the body decides, e.g. a mutation or not). */
export interface GatewayServer {
  url: string;
  requests: number;
  handleWith: (handler: (body: string, request: IncomingMessage, response: ServerResponse) => void) => void;
}

/** Starts one gateway per suite and closes it after; it answers 404 until `handleWith` is called. */
export const useGatewayServer = (): (() => GatewayServer) => {
  let server: Server | undefined;
  let handler = (_body: string, _request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(404).end();
  };
  const state: GatewayServer = {
    url: "",
    requests: 0,
    handleWith: (next) => {
      state.requests = 0;
      handler = next;
    },
  };
  beforeAll(async () => {
    server = createServer((request, response) => {
      state.requests += 1;
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => handler(Buffer.concat(chunks).toString("utf8"), request, response));
    });
    state.url = await listenLocally(server);
  });
  afterAll(async () => {
    await closeServer(server);
  });
  return () => state;
};

/** Passes one request on to `upstream` as it came (headers and body) and its answer back. */
export const forward = (upstream: string, body: string, request: IncomingMessage, response: ServerResponse): void => {
  const onward = httpRequest(upstream, { method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  onward.end(body);
};

/** An answer that never ends: 64 KiB chunks of a JSON string, as fast as the client reads, until it hangs up. */
export const endlessBody = (response: ServerResponse, counter: { bytesSent: number }): Promise<void> =>
  new Promise((resolve) => {
    const chunk = Buffer.alloc(65_536, "x");
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"data": {"userById": {"id": "');
    const pump = (): void => {
      while (!response.destroyed) {
        counter.bytesSent += chunk.length;
        if (!response.write(chunk)) {
          response.once("drain", pump);
          return;
        }
      }
    };
    response.on("close", () => resolve());
    pump();
  });

/**
 * A classic component as a list answers it: every field the connector's documents select, null unless given (Duro
 * answers every selected field, and the connector checks that it did before reading the answer).
 */
export const classicComponentNode = (fields: Record<string, unknown>): Record<string, unknown> => ({
  id: null,
  cpn: null,
  name: null,
  description: null,
  category: null,
  status: null,
  revisionValue: null,
  workflowState: null,
  mass: null,
  created: null,
  lastModified: null,
  ...fields,
});
