// The sandbox's Duro Hub (v2) mode over plain HTTP, without the connector: the context headers enforced as Duro's
// migration guide says, the newest shape's filters and component mutations, the older shape as its own variant, the
// deterministic change order validation and template operations, and the seed's library split.
import { createSeed } from "../fixtures/seed";
import { DuroSandbox, OTHER_LIBRARY, SANDBOX_API_KEY, SANDBOX_LIBRARY, SANDBOX_ORGANIZATION, startSandbox } from "../fixtures/sandbox";

const COUNT_COMPONENTS = "{ component { findAll { totalCount } } }";
const FULL_CONTEXT = { "x-api-key": SANDBOX_API_KEY, "x-organization": SANDBOX_ORGANIZATION.slug, "x-library": SANDBOX_LIBRARY.slug };

let sandbox: DuroSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ dialect: "hub" });
});
afterAll(() => sandbox.stop());

/**
 * POSTs `query` (and `variables`) to `target` with the key's full context; `headers` override it, and an undefined
 * value leaves that header out.
 */
const post = async (
  query: string,
  headers: Record<string, string | undefined> = {},
  { target = sandbox, variables }: { target?: DuroSandbox; variables?: Record<string, unknown> } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read whatever JSON comes back
): Promise<{ status: number; body: any }> => {
  const sent = Object.entries({ ...FULL_CONTEXT, ...headers }).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const response = await fetch(target.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...Object.fromEntries(sent) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
};

const refusal = (message: string, extensions: Record<string, string>) => ({ errors: [{ message, extensions }] });

describe("Duro Hub sandbox: context headers", () => {
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
    expect(body).toEqual({ data: { component: { findAll: { totalCount: inLibrary.length } } } });
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

describe("Duro Hub sandbox: the newest shape", () => {
  const generalOf = (target: DuroSandbox) => target.data.components.filter((component) => component.libraryType === "GENERAL");
  const FILTER = "query ($and: [ComponentFilterConditionInput!], $or: [ComponentFilterConditionInput!]) { component { filter(input: { and: $and, or: $or }, pagination: { first: 100 }) { totalCount edges { node { id status { name } category { name type } } } } } }";

  it("returns a component with status and category objects, revisionValue, state and version", async () => {
    const { body } = await post('{ component { findOne(id: "cmp-00003") { id status { id name } revisionValue category { id name type } state version eid } } }');
    expect(body.data.component.findOne).toEqual({
      id: "cmp-00003",
      status: { id: "status-production", name: "PRODUCTION" },
      revisionValue: "C",
      category: { id: "category-assembly", name: "Assembly", type: "ASSEMBLY" },
      state: "RELEASED",
      version: 3,
      eid: null,
    });
  });

  it("filters: every `and` condition, and at least one `or` condition", async () => {
    const { body } = await post(FILTER, {}, {
      variables: { and: [{ category: { name: { eq: "Assembly" } } }], or: [{ status: { name: { eq: "DESIGN" } } }, { status: { name: { eq: "PRODUCTION" } } }] },
    });
    const expected = generalOf(sandbox).filter((component) => component.category === "Assembly" && ["DESIGN", "PRODUCTION"].includes(component.status));
    expect(body.data.component.filter.totalCount).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });

  it("filters updatedAt with a strict `after`", async () => {
    const [first] = generalOf(sandbox);
    const { body } = await post(FILTER, {}, { variables: { and: [{ updatedAt: { after: first.lastModified } }] } });
    expect(body.data.component.filter.totalCount).toBe(generalOf(sandbox).filter((component) => component.lastModified > first.lastModified).length);
  });

  it("refuses the older shape's root field and operators", async () => {
    const { status, body } = await post("{ components { get { connection { totalCount } } } }");
    expect(status).toBe(400);
    expect(body.errors[0].message).toContain('Cannot query field "components"');
  });

  it("creates a component, updates it with the expected version, and refuses a stale version with VERSION_CONFLICT, changing nothing", async () => {
    const fresh = await startSandbox({ dialect: "hub", seed: { components: 5, changeOrders: 1 } });
    try {
      const created = await post("mutation ($inputs: [CreateComponentInput!]!) { component { create(inputs: $inputs) { id name version status { name } } } }", {}, {
        target: fresh,
        variables: { inputs: [{ name: "Bracket", statusId: "status-prototype" }] },
      });
      const [component] = created.body.data.component.create;
      expect(component).toMatchObject({ name: "Bracket", version: 1, status: { name: "PROTOTYPE" } });
      const UPDATE = "mutation ($inputs: [UpdateComponentInput!]!) { component { update(inputs: $inputs) { id name version } } }";
      const updated = await post(UPDATE, {}, { target: fresh, variables: { inputs: [{ id: component.id, expectedVersion: 1, name: "Bracket v2" }] } });
      expect(updated.body.data.component.update).toEqual([{ id: component.id, name: "Bracket v2", version: 2 }]);
      const stale = await post(UPDATE, {}, { target: fresh, variables: { inputs: [{ id: component.id, expectedVersion: 1, name: "Lost update" }] } });
      expect(stale.body.errors[0].extensions).toMatchObject({ code: "VERSION_CONFLICT", currentVersion: 2 });
      expect(fresh.data.components.find(({ id }) => id === component.id)).toMatchObject({ name: "Bracket v2", version: 2 });
    } finally {
      await fresh.stop();
    }
  });

  it("lists webhooks of the x-library library with no argument, and refuses the older findAll(input)", async () => {
    expect((await post("{ webhooks { findAll { id } } }")).body.data).toEqual({ webhooks: { findAll: [] } });
    expect((await post("{ webhooks { findAll { id } } }", { "x-library": undefined })).status).toBe(400);
    expect((await post('{ webhooks { findAll(input: { libraryIds: ["x"] }) { id } } }')).status).toBe(400);
  });
});

describe("Duro Hub sandbox: the older shape (hubVariant legacy)", () => {
  let legacy: DuroSandbox;
  beforeAll(async () => {
    legacy = await startSandbox({ dialect: "hub", hubVariant: "legacy" });
  });
  afterAll(() => legacy.stop());

  it("serves components { get { connection } } with the older operators and the flat component", async () => {
    const { status, body } = await post('{ components { get(filter: { name: { contains: "sensor 9" } }, pagination: { first: 3 }) { connection { edges { node { id revision status category { name code } } } } } } }', {}, { target: legacy });
    expect(status).toBe(200);
    expect(body.data.components.get.connection.edges[0].node).toEqual({ id: "cmp-00009", revision: "C", status: "DESIGN", category: { name: "Electrical", code: "108" } });
  });

  it("refuses the newest root field", async () => {
    expect((await post(COUNT_COMPONENTS, {}, { target: legacy })).status).toBe(400);
  });
});

describe("Duro Hub sandbox: change order validation and templates", () => {
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
