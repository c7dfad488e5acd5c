// The README against the repository and the component: its links lead somewhere, its Layout tree names paths that
// exist, and its tables name every action, picklist and trigger by label and key, so neither can drift unnoticed.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { harness } from "./support";

const ROOT = join(__dirname, "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replace(/ /g, "-");

/** The paths the Layout block names: each entry's first column, nested under the directory above it. */
const layoutPaths = (): string[] => {
  const block = /Layout:\n\n```\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
  const paths: string[] = [];
  let parent = "";
  for (const line of block.split("\n")) {
    const entry = /^( *)(\S.*?)(?: {2,}|$)/.exec(line);
    if (!entry || /^ {4,}/.test(line)) continue;
    const nested = entry[1].length > 0;
    for (const name of entry[2].split(", ")) {
      const path = nested ? parent + name : name;
      paths.push(path);
      if (!nested) parent = name;
    }
  }
  return paths;
};

describe("README.md", () => {
  it("links only to files and headings that exist", () => {
    const headings = new Set([...README.matchAll(/^#+ (.+)$/gm)].map(([, heading]) => anchor(heading)));
    const targets = [...README.matchAll(/\]\(([^)]+)\)/g)].map(([, target]) => target).filter((target) => !/^https?:/.test(target));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => (target.startsWith("#") ? !headings.has(target.slice(1)) : !existsSync(join(ROOT, target))))).toEqual([]);
  });

  it("has a Layout tree whose every path exists", () => {
    const paths = layoutPaths();
    expect(paths).toEqual(expect.arrayContaining(["src/", "fixtures/", "test/", "scripts/", "src/client/"]));
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it("lists every action and picklist by label, with its key in the next column", () => {
    const steps = [...Object.values(harness.component.actions), ...Object.values(harness.component.dataSources ?? {})];
    expect(steps.filter(({ key, display }) => !README.includes(`| ${display.label} | \`${key}\` |`))).toEqual([]);
  });

  it("has a section for every trigger, by label and key", () => {
    const triggers = Object.values(harness.component.triggers);
    expect(triggers.filter(({ key, display }) => !README.includes(`### ${display.label} (\`${key}\`)`))).toEqual([]);
  });

  it("gives the test command CI runs after npm ci", () => {
    expect(README).toContain("npm ci && npm test");
    expect(readFileSync(join(ROOT, ".ci", "run"), "utf8")).toMatch(/^npm ci\nnpm test$/m);
  });
});
