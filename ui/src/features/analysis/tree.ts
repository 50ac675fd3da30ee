// The referral tree's view logic: which nodes show for the expanded set, and
// which to expand so that search hits are visible. Nodes come in depth-first
// order; a node's subtree is the run after it with a greater generation.
import type { TreeNode } from "../../ipc/bindings";

/** Indexes of the nodes to show: roots, and children of expanded nodes whose ancestors are all expanded. */
export function visibleNodes(nodes: TreeNode[], expanded: Set<number>): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < nodes.length) {
    out.push(i);
    if (expanded.has(i) || nodes[i].children === 0) {
      i += 1;
    } else {
      i += 1 + nodes[i].descendants; // skip the collapsed subtree
    }
  }
  return out;
}

/** Nodes whose key or name contains the text (case-insensitive). */
export function searchNodes(nodes: TreeNode[], text: string): number[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const out: number[] = [];
  nodes.forEach((n, i) => {
    if (n.customer_key.toLowerCase().includes(needle) || (n.name ?? "").toLowerCase().includes(needle)) out.push(i);
  });
  return out;
}

/** Every ancestor of the given nodes (to expand so that they show). */
export function ancestorsOf(nodes: TreeNode[], hits: number[]): Set<number> {
  const out = new Set<number>();
  for (const h of hits) {
    let p = nodes[h]?.parent ?? null;
    while (p !== null && !out.has(p)) {
      out.add(p);
      p = nodes[p].parent;
    }
  }
  return out;
}

/** Expands every node with children down to `depth` generations. */
export function expandToDepth(nodes: TreeNode[], depth: number): Set<number> {
  const out = new Set<number>();
  nodes.forEach((n, i) => {
    if (n.children > 0 && n.generation < depth) out.add(i);
  });
  return out;
}
