import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildNavTree, labelFor, type NavNode } from "./nav-tree";

function outline(nodes: NavNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${"  ".repeat(depth)}${n.kind === "doc" ? n.path : `${n.name}/`}`, ...(n.kind === "folder" ? outline(n.children, depth + 1) : [])]);
}

describe("buildNavTree", () => {
  it("groups by folder: README first, docs, then folders, alphabetical", () => {
    const tree = buildNavTree(["brand/logo.md", "zeta.md", "README.md", "brand/guidelines.md", "alpha.md", "brand/assets/colors.md", "brand/index.md"]);
    assert.deepEqual(outline(tree), [
      "README.md", "alpha.md", "zeta.md", "brand/",
      "  brand/index.md", "  brand/guidelines.md", "  brand/logo.md", "  assets/", "    brand/assets/colors.md",
    ]);
  });
  it("ignores duplicates", () => assert.equal(buildNavTree(["a.md", "a.md"]).length, 1));
});

describe("labelFor", () => {
  it("turns file names into readable labels", () => {
    assert.equal(labelFor("brand-guidelines.md"), "Brand guidelines");
    assert.equal(labelFor("launch_plan_2026.markdown"), "Launch plan 2026");
    assert.equal(labelFor("README.md"), "Overview");
    assert.equal(labelFor("deck.pdf"), "Deck.pdf");
  });
});
