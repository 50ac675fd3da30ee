// The interactive referral tree: expand and collapse, search, click through to
// the customer. Only the rows in view are rendered, so 10,000 nodes stay smooth.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ipc, type ReferralForest } from "../../ipc";
import { formatCount, formatYen, type Key, type Lang } from "../../i18n";
import { STAGE_LABELS, label } from "../../i18n/labels";
import { visibleRange } from "../customers/model";
import { ancestorsOf, expandToDepth, searchNodes, visibleNodes } from "./tree";

const ROW = 30;

export function ReferralTree(p: { t: (k: Key) => string; lang: Lang; asOf: string; maskPii: boolean; onError: (e: unknown) => void; onOpenCustomer: (key: string) => void }) {
  const { t, lang } = p;
  const [forest, setForest] = useState<ReferralForest | null>(null);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [search, setSearch] = useState("");
  const [scrollTop, setScrollTop] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ipc
      .referralForest(p.asOf || null, p.maskPii)
      .then((f) => {
        setForest(f);
        setExpanded(expandToDepth(f.nodes, 1));
      })
      .catch(p.onError);
  }, [p.asOf, p.maskPii]);

  const hits = useMemo(() => (forest ? searchNodes(forest.nodes, search) : []), [forest, search]);
  useEffect(() => {
    if (!forest || hits.length === 0) return;
    setExpanded((e) => new Set([...e, ...ancestorsOf(forest.nodes, hits.slice(0, 200))]));
  }, [hits]);
  const shown = useMemo(() => (forest ? visibleNodes(forest.nodes, expanded) : []), [forest, expanded]);

  // Jump to the first hit.
  useEffect(() => {
    if (hits.length === 0 || !scroller.current) return;
    const at = shown.indexOf(hits[0]);
    if (at >= 0) scroller.current.scrollTop = Math.max(0, at * ROW - 60);
  }, [hits, shown.length]);

  if (!forest) return <p class="placeholder">{t("loading")}</p>;
  const hitSet = new Set(hits);
  const range = visibleRange(scrollTop, scroller.current?.clientHeight ?? 480, shown.length, ROW, 8);
  const toggle = (i: number) => {
    const next = new Set(expanded);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    setExpanded(next);
  };
  const rows = [];
  for (let k = range.first; k <= range.last; k++) {
    const i = shown[k];
    const n = forest.nodes[i];
    rows.push(
      <div class={`tree-row ${hitSet.has(i) ? "hit" : ""}`} key={i} style={{ top: `${k * ROW}px`, paddingLeft: `${8 + n.generation * 22}px` }} data-testid="tree-row">
        {n.children > 0 ? (
          <button type="button" class="twisty" aria-expanded={expanded.has(i)} aria-label={expanded.has(i) ? t("collapse") : t("expand")} data-testid="tree-toggle" onClick={() => toggle(i)}>
            {expanded.has(i) ? "▾" : "▸"}
          </button>
        ) : (
          <span class="twisty" />
        )}
        <button type="button" class="link-btn" data-testid="tree-open" onClick={() => p.onOpenCustomer(n.customer_key)}>
          {n.name ?? n.display_key}
        </button>
        {n.name && <span class="muted small">{n.display_key}</span>}
        <span class={`stage-tag s-${n.stage ?? "none"}`}>{n.stage ? label(STAGE_LABELS, n.stage, lang) : "–"}</span>
        <span class="num small">{formatYen(n.ltv)}</span>
        {n.descendants > 0 && <span class="muted small">{t("tree_below").replace("{n}", formatCount(n.descendants))}</span>}
      </div>,
    );
  }
  return (
    <div class="panel" data-testid="referral-tree">
      <div class="toolbar">
        <h2>{t("referral_tree")}</h2>
        <span class="muted small" data-testid="tree-size">{t("tree_size").replace("{n}", formatCount(forest.nodes.length)).replace("{t}", formatCount(forest.trees)).replace("{g}", String(forest.max_generation))}</span>
      </div>
      <div class="options-row">
        <label class="grow">
          {t("search")}
          <input type="search" value={search} placeholder={t("customer_search_placeholder")} data-testid="tree-search" onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" onClick={() => setExpanded(expandToDepth(forest.nodes, 99))} data-testid="tree-expand-all">{t("expand_all")}</button>
        <button type="button" onClick={() => setExpanded(new Set())}>{t("collapse_all")}</button>
      </div>
      {search && <p class="muted small" data-testid="tree-hits">{t("tree_hits").replace("{n}", formatCount(hits.length))}</p>}
      <div class="tree-body" ref={scroller} onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)}>
        <div style={{ height: `${shown.length * ROW}px`, position: "relative" }}>{rows}</div>
      </div>
    </div>
  );
}
