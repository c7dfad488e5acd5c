// The sandbox's Duro Hub (v2) mode over plain HTTP, without the connector: the context headers enforced as Duro's
// migration guide says, the deterministic change order validation and template operations, and the seed's library split.
import { createSeed } from "../fixtures/seed";
import { DuroSandbox, OTHER_LIBRARY, SANDBOX_API_KEY, SANDBOX_LIBRARY, SANDBOX_ORGANIZATION, startSandbox } from "../fixtures/sandbox";

const COUNT_COMPONENTS = "{ components { get { connection { totalCount } } } }";
const FULL_CONTEXT = { "x-api-key": SANDBOX_API_KEY, "x-organization": SANDBOX_ORGANIZATION.slug, "x-library": SANDBOX_LIBRARY.slug };

let sandbox: DuroSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ dialect: "v2" });
});
afterAll(() => sandbox.stop());

/** POSTs `query` with the key's full context; `headers` override it, and an undefined value leaves that header out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read whatever JSON comes back
const post = async (query: string, headers: Record<string, string | undefined> = {}): Promise<{ status: number; body: any }> => {
  const sent = Object.entries({ ...FULL_CONTEXT, ...headers }).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const response = await fetch(sandbox.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...Object.fromEntries(sent) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
};

const refusal = (message: string, extensions: Record<string, string>) => ({ errors: [{ message, extensions }] });

describe("v2 sandbox: context headers", () => {
  it("refuses a wrong API key with 401", async () => {
    const { status, body } = await post(COUNT_COMPONENTS, { "x-api-key": "wrong-api-key" });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a missing x-organization with 400 naming it, and a foreign one with 403", async () => {
    expect(await post(COUNT_COMPONENTS, { "x-organization": undefined })).toEqual({
      status: 400,
      body: refusal("Missing required header: x-organization", { code: "BAD_REQUEST", header: "x-organization" }),
    });
    expect(await post(COUNT_COMPONENTS, { "x-organization": "@globex" })).toEqual({
      status: 403,
      body: refusal("API key does not belong to organization @globex", { code: "FORBIDDEN" }),
    });
  });

  it("refuses a library-scoped operation without x-library (400) or with another library (403)", async () => {
    expect(await post(COUNT_COMPONENTS, { "x-library": undefined })).toEqual({
      status: 400,
      body: refusal("Missing required header: x-library", { code: "BAD_REQUEST", header: "x-library" }),
    });
    expect(await post(COUNT_COMPONENTS, { "x-library": OTHER_LIBRARY.slug })).toEqual({
      status: 403,
      body: refusal(`API key does not match library ${OTHER_LIBRARY.slug}`, { code: "FORBIDDEN" }),
    });
  });

  it.each([
    ["slugs", SANDBOX_ORGANIZATION.slug, SANDBOX_LIBRARY.slug],
    ["UUIDs", SANDBOX_ORGANIZATION.id, SANDBOX_LIBRARY.id],
  ])("answers with the context given as %s", async (_form, organization, library) => {
    const { status, body } = await post(COUNT_COMPONENTS, { "x-organization": organization, "x-library": library });
    expect(status).toBe(200);
    const inLibrary = sandbox.data.components.filter((component) => component.libraryType === "GENERAL");
    expect(body).toEqual({ data: { components: { get: { connection: { totalCount: inLibrary.length } } } } });
  });

  it("lists the organization's libraries and the key's library without x-library", async () => {
    const { status, body } = await post("{ organization { findAll { libraries { id name } } } library { current { id name } } }", {
      "x-library": undefined,
    });
    expect(status).toBe(200);
    const { id, name } = SANDBOX_LIBRARY;
    expect(body.data).toEqual({
      organization: { findAll: [{ libraries: [{ id, name }, { id: OTHER_LIBRARY.id, name: OTHER_LIBRARY.name }] }] },
      library: { current: { id, name } },
    });
  });
});

describe("v2 sandbox: change order validation and templates", () => {
  const validate = (id: string) =>
    post(`mutation { changeOrders { validate(id: "${id}") {
      id isValid validationRun { state summary { passCount failCount warningCount } results(pagination: { first: 50 }) { edges { node { name state errorMessage } } } }
    } } }`);

  it("validates deterministically: co-00002 fails on a shared item, co-00001 passes, and get shows the latest run", async () => {
    const failing = (await validate("co-00002")).body.data.changeOrders.validate;
    expect(failing).toMatchObject({ id: "co-00002", isValid: false, validationRun: { state: "FAIL", summary: { passCount: 2, failCount: 1, warningCount: 0 } } });
    expect(failing.validationRun.results.edges.map(({ node }: { node: { state: string } }) => node.state)).toEqual(["PASS", "FAIL", "PASS"]);
    expect(failing.validationRun.results.edges[1].node.errorMessage).toMatch(/^Item \d{3}-\d{5} exists in Change Order CO-\d{5}$/);
    expect((await validate("co-00002")).body.data.changeOrders.validate).toEqual(failing);
    expect((await validate("co-00001")).body.data.changeOrders.validate).toMatchObject({ isValid: true, validationRun: { state: "PASS" } });

    const { body } = await post(`{ changeOrders { get(filter: { ids: ["co-00003", "co-00002", "co-00001"] }) { connection {
      edges { node { id isValid latestValidationRun { state } } }
    } } } }`);
    expect(body.data.changeOrders.get.connection.edges.map(({ node }: { node: unknown }) => node)).toEqual([
      { id: "co-00001", isValid: true, latestValidationRun: { state: "PASS" } },
      { id: "co-00002", isValid: false, latestValidationRun: { state: "FAIL" } },
      { id: "co-00003", isValid: null, latestValidationRun: null },
    ]);
  });

  it("answers NOT_FOUND for an unknown change order", async () => {
    const { body } = await validate("co-99999");
    expect(body.errors[0]).toMatchObject({ message: "Change order co-99999 not found", extensions: { code: "NOT_FOUND" } });
  });

  it("creates a template from YAML and lists it; refuses YAML that is not a change order scheme", async () => {
    const createTemplate = (configYAML: string) =>
      post(`mutation { changeOrders { createTemplate(input: { name: "Two-step review", configYAML: ${JSON.stringify(configYAML)} }) {
        id name config library { id name } createdAt
      } } }`);
    const created = (await createTemplate("schema_type: change_order_scheme\nstages:\n  - name: Review\n")).body.data.changeOrders.createTemplate;
    expect(created).toMatchObject({
      name: "Two-step review",
      config: { schema_type: "change_order_scheme", stages: [{ name: "Review" }] },
      library: { id: SANDBOX_LIBRARY.id, name: SANDBOX_LIBRARY.name },
    });
    const listed = await post("{ changeOrders { getTemplates { id name config library { id name } createdAt } } }");
    expect(listed.body.data.changeOrders.getTemplates).toEqual([created]);

    for (const yaml of ["schema_type: [unclosed", "schema_type: something_else"]) {
      expect((await createTemplate(yaml)).body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    }
  });
});

describe("seed data", () => {
  const personalIds = (components: ReturnType<typeof createSeed>["components"]) =>
    components.filter((component) => component.libraryType === "PERSONAL").map((component) => component.id);

  it("puts every tenth component in the PERSONAL library by default", () => {
    expect(personalIds(createSeed({ components: 25 }).components)).toEqual(["cmp-00010", "cmp-00020"]);
  });

  it("puts every component in GENERAL with personalEvery: 0 (the benchmark lists exactly N items)", () => {
    expect(personalIds(createSeed({ components: 25, personalEvery: 0 }).components)).toEqual([]);
    expect(personalIds(createSeed({ components: 25, personalEvery: 4 }).components)).toEqual(["cmp-00004", "cmp-00008", "cmp-00012", "cmp-00016", "cmp-00020", "cmp-00024"]);
  });
});
