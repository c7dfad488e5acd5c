// The documentation/ pages Prismatic shows with a component: one for the component, one for its connection and one
// per trigger, each naming every input the code has, so the pages and the code cannot drift apart unnoticed.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { harness } from "./support";

const DOCUMENTATION = join(__dirname, "..", "documentation");
const page = (path: string): string => readFileSync(join(DOCUMENTATION, path), "utf8");

describe("documentation/", () => {
  it("has the component description and a changelog at the top of the repository", () => {
    expect(page("description.mdx").length).toBeGreaterThan(200);
    expect(readFileSync(join(__dirname, "..", "CHANGELOG.md"), "utf8")).toMatch(/^# Changelog\n/);
  });

  it.each(harness.component.connections.map((connection) => [connection.key, connection.inputs.map((input) => input.key)] as const))(
    "connections/%s.mdx names every connection field",
    (key, inputs) => {
      const text = page(`connections/${key}.mdx`);
      expect(inputs.filter((input) => !text.includes(`\`${input}\``))).toEqual([]);
    },
  );

  it.each(Object.values(harness.component.triggers).map((trigger) => [trigger.key, trigger.inputs.map((input) => input.key)] as const))(
    "triggers/%s.mdx names every input of the trigger",
    (key, inputs) => {
      expect(existsSync(join(DOCUMENTATION, "triggers", `${key}.mdx`))).toBe(true);
      const text = page(`triggers/${key}.mdx`);
      expect(inputs.filter((input) => !text.includes(`\`${input}\``))).toEqual([]);
    },
  );

  it("external-docs.json lists labelled https links", () => {
    const links = JSON.parse(page("external-docs.json")) as Array<{ label: string; href: string }>;
    expect(links.length).toBeGreaterThan(0);
    for (const { label, href } of links) {
      expect(label).toBeTruthy();
      expect(new URL(href).protocol).toBe("https:");
    }
  });
});
