// What only Duro Hub has, through the actions against the Duro Hub sandbox: its context headers (organization and
// library) and their errors, the per-step library, the organization-level actions, the classic-only inputs refused,
// and every Duro Hub action refused on a classic connection.
import { OTHER_LIBRARY, SANDBOX_LIBRARY, SANDBOX_ORGANIZATION, HUB_AUTH_HEADER } from "../fixtures/sandbox";
import { DuroError } from "../src/client/errors";
import { paramsFor } from "./actionParams";
import { describeHub, HUB_ACTION_KEYS, hubConnection, isDuroFailure, runAction, sandboxConnection, SMALL_SEED, useSandbox } from "./support";

interface Page {
  items: Array<{ id: string; name: string | null }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

const failure = async (promise: Promise<unknown>): Promise<DuroError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isDuroFailure(error)) throw new Error(`expected a DuroError, got ${String(error)}`);
  return error as DuroError;
};

describeHub("Duro Hub context", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant, seed: SMALL_SEED });

  it("sends x-api-key, x-organization and x-library, and no classic apiToken", async () => {
    await runAction("listComponents", { connection: hubConnection(sandbox()) });
    const [{ headers }] = sandbox().requests;
    expect(headers[HUB_AUTH_HEADER]).toBe(sandbox().apiKey);
    expect(headers["x-organization"]).toBe(SANDBOX_ORGANIZATION.slug);
    expect(headers["x-library"]).toBe(SANDBOX_LIBRARY.slug);
    expect(headers.apitoken).toBeUndefined();
  });

  it("a connection without an organization fails before the first request, naming the field and the slug format", async () => {
    const error = await failure(runAction("listComponents", { connection: hubConnection(sandbox(), { organization: "" }) }));
    expect(error.kind).toBe("invalid-input");
    expect(error.input).toBe("organization");
    expect(error.message).toContain("@my-company");
    expect(sandbox().requests).toHaveLength(0);
  });

  it("HTTP 400 for a missing x-library is missing-context, naming the Library field", async () => {
    const error = await failure(runAction("listComponents", { connection: hubConnection(sandbox(), { library: "" }) }));
    expect(error.kind).toBe("missing-context");
    expect(error.status).toBe(400);
    expect(error.message).toContain("x-library");
    expect(error.message).toContain("Library field");
    // Without a library the step is a new context, whose schema the older shape's endpoint has the connector read
    // first (its refusal of the newest document, then the schema read); the older document then gets the 400.
    expect(sandbox().requests.map((request) => request.operationName)).toEqual(
      hubVariant === "newest" ? ["ListComponents"] : ["ListComponents", "IntrospectionQuery", "ListComponentsLegacy"],
    );
  });

  it("an organization-level action works without a library", async () => {
    const libraries = (await runAction("listLibraries", { connection: hubConnection(sandbox(), { library: "" }) }))?.data as Page;
    expect(libraries.items).toEqual([
      { id: SANDBOX_LIBRARY.id, name: SANDBOX_LIBRARY.name },
      { id: OTHER_LIBRARY.id, name: OTHER_LIBRARY.name },
    ]);
  });

  it("a step's Library replaces the connection's for that step", async () => {
    const connection = hubConnection(sandbox(), { library: "" });
    await runAction("listComponents", { connection, library: SANDBOX_LIBRARY.id });
    expect(sandbox().requests[0].headers["x-library"]).toBe(SANDBOX_LIBRARY.id);
  });

  it("a library the key does not belong to is forbidden (HTTP 403), and the message says what to do", async () => {
    const error = await failure(runAction("getComponentById", { connection: hubConnection(sandbox()), componentId: "cmp-00001", library: OTHER_LIBRARY.slug }));
    expect(error.kind).toBe("forbidden");
    expect(error.status).toBe(403);
    expect(error.message).toContain(OTHER_LIBRARY.slug);
  });

  it("a 403 with an RBAC permission names it", async () => {
    sandbox().failNext({
      type: "http",
      status: 403,
      body: JSON.stringify({ errors: [{ message: "Missing permission change_orders.create in library", extensions: { code: "FORBIDDEN" } }] }),
    });
    const error = await failure(runAction("createChangeOrder", { connection: hubConnection(sandbox()), name: "Needs permission" }));
    expect(error.kind).toBe("forbidden");
    expect(error.message).toContain('"change_orders.create"');
  });

  it.each([
    ["listComponents", { libraryType: "PERSONAL" }, "libraryType"],
    ["listChangeOrders", { orderBy: '[{"name":"asc"}]' }, "orderBy"],
  ])("%s with a classic-only input fails before any request, naming %j", async (key, params, input) => {
    const error = await failure(runAction(key, { connection: hubConnection(sandbox()), ...params }));
    expect(error.input).toBe(input);
    expect(sandbox().requests).toHaveLength(0);
  });

  it.each(HUB_ACTION_KEYS)("%s on a classic connection says it is Duro Hub only, sending nothing", async (key) => {
    const error = await failure(
      runAction(key, { connection: sandboxConnection(sandbox()), ...paramsFor(key).params }),
    );
    expect(error.kind).toBe("invalid-input");
    expect(error.message).toContain("Duro Hub");
    expect(sandbox().requests).toHaveLength(0);
  });
});

