// The user actions (classic Duro) through spectral's harness against the sandbox: Get Current User and List Company
// Users, and their refusal on Duro Hub, which documents no user query.
import { createSeed } from "../fixtures/seed";
import { actionsOn, describeHub, failureOf, hubConnection, runAction, SMALL_SEED, useSandbox } from "./support";

const smallSeed = createSeed(SMALL_SEED);

describe("users", () => {
  const sandbox = useSandbox({ seed: SMALL_SEED });
  const { data } = actionsOn(sandbox);
  const [ada] = smallSeed.users;

  it("getCurrentUser returns the API key's user with their company", async () => {
    await expect(data("getCurrentUser")).resolves.toEqual({
      id: ada.id,
      email: ada.email,
      firstName: ada.firstName,
      lastName: ada.lastName,
      primaryCompany: smallSeed.company,
    });
  });

  it("listCompanyUsers returns every seeded user as one whole page, with the company's ID and name", async () => {
    await expect(data("listCompanyUsers")).resolves.toEqual({
      items: smallSeed.users,
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 4,
      company: smallSeed.company,
    });
  });
});

describeHub("users", (hubVariant) => {
  const sandbox = useSandbox({ dialect: "hub", hubVariant, seed: SMALL_SEED });

  it.each(["getCurrentUser", "listCompanyUsers"])("%s says Duro Hub has no documented query and points to Raw Request, sending nothing", async (key) => {
    const error = await failureOf(runAction(key, { connection: hubConnection(sandbox()) }));
    expect(error.kind).toBe("invalid-input");
    expect(error.message).toContain("Raw Request");
    expect(sandbox().requests).toHaveLength(0);
  });
});
