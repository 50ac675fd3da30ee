import { describe, expect, it } from "vitest";
import type { TreeNode } from "../../ipc/bindings";
import { ancestorsOf, expandToDepth, searchNodes, visibleNodes } from "./tree";

// A ─┬─ B ── C
//    └─ D
// E ── F
function node(key: string, parent: number | null, generation: number, children: number, descendants: number, name: string | null = null): TreeNode {
  return { customer_key: key, display_key: key, name, parent, generation, stage: "landing", ltv: 0, children, descendants };
}
const nodes: TreeNode[] = [
  node("A", null, 0, 2, 3),
  node("B", 0, 1, 1, 1),
  node("C", 1, 2, 0, 0, "山田 花子"),
  node("D", 0, 1, 0, 0),
  node("E", null, 0, 1, 1),
  node("F", 4, 1, 0, 0),
];

describe("referral tree", () => {
  it("shows roots only when everything is collapsed", () => {
    expect(visibleNodes(nodes, new Set())).toEqual([0, 4]);
  });

  it("shows the children of expanded nodes, and hides those under a collapsed one", () => {
    expect(visibleNodes(nodes, new Set([0]))).toEqual([0, 1, 3, 4]);
    expect(visibleNodes(nodes, new Set([0, 1, 4]))).toEqual([0, 1, 2, 3, 4, 5]);
    // B expanded but A collapsed: C stays hidden.
    expect(visibleNodes(nodes, new Set([1]))).toEqual([0, 4]);
  });

  it("finds by key or name and opens the path to a hit", () => {
    const hits = searchNodes(nodes, "花子");
    expect(hits).toEqual([2]);
    const open = ancestorsOf(nodes, hits);
    expect([...open].sort()).toEqual([0, 1]);
    expect(visibleNodes(nodes, open)).toContain(2);
    expect(searchNodes(nodes, " ")).toEqual([]);
  });

  it("expands to a depth", () => {
    expect([...expandToDepth(nodes, 1)].sort()).toEqual([0, 4]);
    expect(visibleNodes(nodes, expandToDepth(nodes, 9)).length).toBe(6);
  });
});
