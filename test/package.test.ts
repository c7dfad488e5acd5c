// What `npm pack` ships and which Node it asks for: the bundle and the documents, never the tests, fixtures or
// scripts; the Node range (the lockfile's strictest package, @typescript-eslint's eslint-visitor-keys, needs
// ^20.19.0 || ^22.13.0 || >=24).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

interface PackageFile {
  engines?: { node?: string };
  packages?: Record<string, { engines?: { node?: string } }>;
}

const readJson = (file: string): PackageFile => JSON.parse(readFileSync(file, "utf8")) as PackageFile;

describe("the npm package", () => {
  it("ships only dist, the README, the changelog and package.json", () => {
    const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8" })) as Array<{ files: Array<{ path: string }> }>;
    const shipped = packed.files.map((file) => file.path);
    expect(shipped).toContain("package.json");
    expect(shipped.filter((file) => !/^(dist\/|README\.md$|CHANGELOG\.md$|package\.json$)/.test(file))).toEqual([]);
  });

  it("states the same Node range as its lockfile, and .nvmrc picks the lowest version in it", () => {
    const { engines } = readJson("package.json");
    expect(readJson("package-lock.json").packages?.[""]?.engines?.node).toBe(engines?.node);
    expect(engines?.node?.split(" || ")[0]).toBe(`^${readFileSync(".nvmrc", "utf8").trim()}.0`);
  });
});
