// 顧客: a virtualised table that stays smooth at 100,000 rows (only the rows in
// view are in the DOM; rows arrive from Rust in chunks of 200), filters and
// sorting, and the customer page.
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { ipc, type Badge, type CustomerDetail, type CustomerSort, type ListedCustomer } from "../../ipc";
import { keep, kept as keptAnswer } from "../../ipc/cache";
import { formatCount, formatYen, formatYenCompact, type Key, type Lang } from "../../i18n";
import {
  BADGES,
  BADGE_LABELS,
  QUADRANTS,
  QUADRANT_LABELS,
  SEGMENTS,
  SEGMENT_LABELS,
  STAGES,
  STAGE_LABELS,
  TEMPERATURES,
  TEMPERATURE_LABELS,
  label,
} from "../../i18n/labels";
import { Chips } from "../../components/Chips";
import { FitValue } from "../../components/FitValue";
import { actionReasonText, labelOf, stageHoldText, stageReasonText } from "../../i18n/words";
import { markReady, markSwitch } from "../../perf";
import { formatDate } from "../../components/date";
import { CHUNK, ROW_HEIGHT, chunkQuery, chunksFor, emptyFilters, filtersKey, nextSort, pAliveText, sendTarget, togglePick, visibleRange, type Filters } from "./model";
import { SendListPanel } from "../plan/SendList";

interface Props {
  t: (k: Key) => string;
  lang: Lang;
  asOf: string;
  maskPii: boolean;
  /** The workspace generation the figures are of. */
  generation: number;
  onError: (e: unknown) => void;
  /** The workspace changed (a list recorded as sent). */
  onChanged?: () => void;
  /** A customer to open at once (from another screen). */
  initialOpen?: string | null;
  onOpened?: () => void;
}

const COLUMNS: { id: CustomerSort; key: Key; numeric: boolean }[] = [
  { id: "customer_key", key: "customer", numeric: false },
  { id: "name", key: "col_name", numeric: false },
  { id: "stage", key: "stage", numeric: false },
  { id: "segment", key: "segment", numeric: false },
  { id: "temperature", key: "temperature", numeric: false },
  { id: "last_purchase", key: "col_last_purchase", numeric: false },
  { id: "frequency", key: "col_frequency", numeric: true },
  { id: "monetary", key: "col_monetary", numeric: true },
  { id: "referral_points", key: "col_referral_points", numeric: true },
  { id: "support_points", key: "col_support_points", numeric: true },
  { id: "heat", key: "col_heat", numeric: true },
  { id: "p_alive", key: "col_p_alive", numeric: true },
];

// What the table showed when the screen was left: the same filters, rows and
// place come back at once on the next visit, until the figures change.
interface Kept {
  key: string;
  total: number | null;
  chunks: Map<number, ListedCustomer[]>;
  scrollTop: number;
}
// The rows and place are answers of one workspace generation: they live in
// the page's one cache (ipc/cache), which forgets them when it changes.
const KEPT = "customer-table";
let keptFilters: Filters = emptyFilters();

/** Another workspace was opened: the table starts again unfiltered, at the top. */
export function forgetCustomerView(): void {
  keptFilters = emptyFilters();
}

/** Read the first rows the table opens with, so its first visit renders at once. */
export async function prefetchCustomers(asOf: string, maskPii: boolean): Promise<void> {
  const key = filtersKey(keptFilters, maskPii, asOf);
  if (keptAnswer<Kept>(KEPT)?.key === key) return;
  const page = await ipc.customerPage(asOf || null, chunkQuery(keptFilters, 0, maskPii));
  keep<Kept>(KEPT, { key, total: Number(page.total), chunks: new Map([[0, page.rows]]), scrollTop: 0 });
}

/** A customer page's answer, with what it was asked for. */
interface Opened {
  key: string;
  asOf: string;
  maskPii: boolean;
  generation: number;
  detail: CustomerDetail | null;
}

// Only the latest click counts when several answers are under way.
let openSeq = 0;
/** How long the list stays on screen while the page's answer is on its way
 *  before a placeholder takes its place. */
const PLACEHOLDER_AFTER_MS = 150;

export function CustomersScreen(p: Props) {
  const [open, setOpen] = useState<Opened | null>(
    p.initialOpen ? { key: p.initialOpen, asOf: p.asOf, maskPii: p.maskPii, generation: p.generation, detail: null } : null,
  );
  // Opening a customer is timed like a screen switch (bench/app.sh). The page
  // is asked for at the click and replaces the list when it has its answer,
  // so a fast answer shows no intermediate "loading" frame.
  const openCustomer = (key: string) => {
    markSwitch("customer");
    const seq = ++openSeq;
    const asked = { key, asOf: p.asOf, maskPii: p.maskPii, generation: p.generation };
    const slow = window.setTimeout(() => seq === openSeq && setOpen({ ...asked, detail: null }), PLACEHOLDER_AFTER_MS);
    ipc
      .customerDetail(key, p.asOf || null, p.maskPii)
      .then((detail) => seq === openSeq && setOpen({ ...asked, detail }))
      .catch((e) => seq === openSeq && p.onError(e))
      .finally(() => window.clearTimeout(slow));
  };
  const back = () => {
    openSeq++;
    setOpen(null);
  };
  const [filters, setFiltersState] = useState<Filters>(keptFilters);
  const setFilters = (f: Filters) => {
    keptFilters = f;
    setFiltersState(f);
  };
  useEffect(() => {
    if (p.initialOpen) p.onOpened?.();
  }, []);
  return open ? (
    <CustomerPageView {...p} opened={open} onBack={back} onOpen={openCustomer} />
  ) : (
    <CustomerTable {...p} filters={filters} onFilters={setFilters} onOpen={openCustomer} />
  );
}

function CustomerTable(p: Props & { filters: Filters; onFilters: (f: Filters) => void; onOpen: (key: string) => void }) {
  const { t, lang, filters: f } = p;
  const key = filtersKey(f, p.maskPii, p.asOf);
  const kept = keptAnswer<Kept>(KEPT);
  const back = kept?.key === key ? kept : null;
  const [total, setTotal] = useState<number | null>(back?.total ?? null);
  const [chunks, setChunks] = useState<Map<number, ListedCustomer[]>>(back?.chunks ?? new Map());
  const [scrollTop, setScrollTop] = useState(back?.scrollTop ?? 0);
  // The scroller's height as the stylesheet sets it (100vh − 330 px, at least
  // 300), measured again once it is on screen.
  const [viewport, setViewport] = useState(() => Math.max(300, window.innerHeight - 330));
  const [showFilters, setShowFilters] = useState(false);
  // Rows ticked for a 送付リスト (customer keys, or the masked screen's handles).
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [sendOpen, setSendOpen] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const loading = useRef<Set<number>>(new Set());
  // The key the rows in state were read for.
  const keyRef = useRef(back ? key : "");

  // New filters: forget loaded chunks, back to the top. Coming back to the
  // screen: the rows and place it was left with.
  useLayoutEffect(() => {
    if (keyRef.current === key) {
      if (scroller.current && scrollTop > 0) scroller.current.scrollTop = scrollTop;
      return;
    }
    keyRef.current = key;
    loading.current = new Set();
    setChunks(new Map());
    setTotal(null);
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [key]);
  useEffect(() => {
    keep<Kept>(KEPT, { key: keyRef.current, total, chunks, scrollTop });
  }, [total, chunks, scrollTop]);

  useEffect(() => {
    if (total !== null) markReady("customers");
  }, [total]);
  const range = visibleRange(scrollTop, viewport, total ?? CHUNK);
  const needed = chunksFor(range.first, range.last);

  useEffect(() => {
    for (const c of needed) {
      if (chunks.has(c) || loading.current.has(c)) continue;
      loading.current.add(c);
      const asked = key;
      ipc
        .customerPage(p.asOf || null, chunkQuery(f, c, p.maskPii))
        .then((page) => {
          if (keyRef.current !== asked) return;
          setTotal(Number(page.total));
          setChunks((m) => new Map(m).set(c, page.rows));
        })
        .catch(p.onError)
        .finally(() => loading.current.delete(c));
    }
  }, [needed.join(","), key, chunks]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight);
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = document.activeElement?.tagName === "INPUT" || document.activeElement?.tagName === "TEXTAREA";
      if ((e.key === "/" && !typing) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "f")) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const set = <K extends keyof Filters>(k: K) => (v: Filters[K]) => p.onFilters({ ...f, [k]: v });
  const row = (i: number): ListedCustomer | undefined => chunks.get(Math.floor(i / CHUNK))?.[i % CHUNK];
  const active = f.stages.length + f.segments.length + f.temperatures.length + f.quadrants.length + f.badges.length + (f.referred === null ? 0 : 1);

  const target = sendTarget(f, [...picked]);

  const rows = [];
  for (let i = range.first; i <= range.last && total !== null && i < total; i++) {
    const c = row(i);
    rows.push(
      <div
        class="vrow"
        role="row"
        key={i}
        style={{ top: `${i * ROW_HEIGHT}px` }}
        data-testid={c ? "customer-row" : "customer-row-loading"}
        tabIndex={c ? 0 : -1}
        onClick={() => c && p.onOpen(c.row.customer_key)}
        onKeyDown={(e) => e.key === "Enter" && c && p.onOpen(c.row.customer_key)}
      >
        {c ? (
          <>
            <span class="pick" onClick={(e) => e.stopPropagation()}>
              <input
                type="checkbox"
                checked={picked.has(c.row.customer_key)}
                aria-label={`${t("customer_pick")}: ${c.name ?? c.display_key}`}
                data-testid="customer-pick"
                onKeyDown={(e) => e.stopPropagation()}
                onChange={() => setPicked((s) => togglePick(s, c.row.customer_key))}
              />
            </span>
            <span data-testid="customer-key">{c.display_key}</span>
            <span>{c.name ?? ""}</span>
            <span class={`stage-tag s-${c.row.stage}`} data-testid="customer-stage">{label(STAGE_LABELS, c.row.stage, lang)}</span>
            <span>{c.row.segment ? label(SEGMENT_LABELS, c.row.segment, lang) : "–"}</span>
            <span class={`temp t-${c.row.temperature}`}>{label(TEMPERATURE_LABELS, c.row.temperature, lang)}</span>
            <span class="num">{c.row.last_purchase ? formatDate(c.row.last_purchase, lang) : "–"}</span>
            <span class="num">{formatCount(c.row.frequency)}</span>
            <span class="num" data-testid="customer-monetary">{formatYen(c.row.monetary)}</span>
            <span class="num">{formatCount(c.row.referral_points)}</span>
            <span class="num">{formatCount(c.row.support_points)}</span>
            <span class="num">{c.row.heat.toFixed(1)}</span>
            {(() => {
              const pa = pAliveText(c.row.p_alive, c.row.expected_orders_365, t, true);
              return (
                <span class={`num ${pa.hint ? "muted" : ""}`} title={pa.hint ?? undefined} data-testid="customer-p-alive">
                  {pa.text}
                </span>
              );
            })()}
          </>
        ) : (
          <span class="muted">…</span>
        )}
      </div>,
    );
  }

  return (
    <section class="customers" data-testid="customers-screen">
      <div class="toolbar">
        <h1>{t("nav_customers")}</h1>
        <span class="muted" data-testid="customer-total">
          {total === null ? t("loading") : `${formatCount(total)}${t("people")}`}
        </span>
      </div>
      <div class="options-row">
        <label class="grow">
          <span>
            {t("search")} <span class="kbd">/</span>
          </span>
          <input ref={searchRef} type="search" value={f.search} placeholder={t("customer_search_placeholder")} data-testid="customer-search" onInput={(e) => set("search")((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t("referred")}
          <select
            value={f.referred === null ? "" : f.referred ? "yes" : "no"}
            data-testid="customer-referred"
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              set("referred")(v === "" ? null : v === "yes");
            }}
          >
            <option value="">{t("all")}</option>
            <option value="yes">{t("referred_yes")}</option>
            <option value="no">{t("referred_no")}</option>
          </select>
        </label>
        <label>
          {t("badge")}
          <select value={f.badges[0] ?? ""} onChange={(e) => { const v = (e.target as HTMLSelectElement).value; set("badges")(v ? [v as Badge] : []); }}>
            <option value="">{t("all")}</option>
            {BADGES.map((b) => (
              <option value={b} key={b}>{label(BADGE_LABELS, b, lang)}</option>
            ))}
          </select>
        </label>
        <button type="button" class={showFilters ? "on" : ""} onClick={() => setShowFilters(!showFilters)} data-testid="customer-more-filters">
          {t("filters")} {active > 0 ? `(${active})` : ""}
        </button>
      </div>
      <div class="actions-row">
        {picked.size > 0 && (
          <>
            <span data-testid="customer-picked">{t("customer_picked").replace("{n}", formatCount(picked.size))}</span>
            <button type="button" class="link-btn" onClick={() => setPicked(new Set())}>{t("plan_clear_selection")}</button>
          </>
        )}
        <button
          type="button"
          data-testid="customer-send-list"
          disabled={target === null}
          title={target === null ? t("customer_send_search_hint") : undefined}
          onClick={() => setSendOpen(true)}
        >
          {t(picked.size > 0 ? "customer_send_picked" : "customer_send_filtered")}
        </button>
      </div>
      {sendOpen && target && (
        <SendListPanel maskPii={p.maskPii} t={t} lang={lang} asOf={p.asOf} target={target} onError={p.onError} onChanged={() => p.onChanged?.()} onClose={() => setSendOpen(false)} />
      )}
      <div class="target-grid filters">
        <span class="label">{t("stage")}</span>
        <Chips ids={STAGES} labels={STAGE_LABELS} lang={lang} value={f.stages} onChange={set("stages")} testid="filter-stage" />
        {showFilters && (
          <>
            <span class="label">{t("segment")}</span>
            <Chips ids={SEGMENTS} labels={SEGMENT_LABELS} lang={lang} value={f.segments} onChange={set("segments")} testid="filter-segment" />
            <span class="label">{t("temperature")}</span>
            <Chips ids={TEMPERATURES} labels={TEMPERATURE_LABELS} lang={lang} value={f.temperatures} onChange={set("temperatures")} testid="filter-temperature" />
            <span class="label">{t("quadrant")}</span>
            <Chips ids={QUADRANTS} labels={QUADRANT_LABELS} lang={lang} value={f.quadrants} onChange={set("quadrants")} testid="filter-quadrant" />
          </>
        )}
      </div>
      <div class="vtable" role="table" data-testid="customer-table">
        <div class="vrow vhead" role="row">
          <span class="pick" />
          {COLUMNS.map((c) => (
            <button
              type="button"
              key={c.id}
              class={`${c.numeric ? "num" : ""} ${f.sort === c.id ? "sorted" : ""}`}
              data-testid={`sort-${c.id}`}
              onClick={() => p.onFilters({ ...f, ...nextSort(f, c.id, c.numeric) })}
            >
              {t(c.key)}
              {f.sort === c.id ? (f.descending ? " ▼" : " ▲") : ""}
            </button>
          ))}
        </div>
        <div class="vbody" ref={scroller} onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)} data-testid="customer-scroller">
          <div class="vspace" style={{ height: `${(total ?? 0) * ROW_HEIGHT}px` }}>{rows}</div>
          {total === 0 && (
            <p class="placeholder" data-testid="customer-empty">
              {t(active > 0 || f.search.trim() !== "" ? "customer_empty" : "customer_none_yet")}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

/** What a timeline line is: an event by its rule's name (the shop's data),
 *  a contact by the plan action it was (or the text of an imported log). */
function timelineLabel(x: CustomerDetail["timeline"][number], lang: Lang): string {
  if (x.kind === "event" && x.rule_label) return lang === "ja" ? x.rule_label.ja : x.rule_label.en;
  if (x.kind === "contact" && x.what) {
    const action = labelOf(lang, "action", x.what);
    return action === `action.${x.what}` ? x.what : action;
  }
  return labelOf(lang, "timeline", x.kind);
}

function CustomerPageView(p: Props & { opened: Opened; onBack: () => void; onOpen: (key: string) => void }) {
  const { t, lang } = p;
  const ja = lang === "ja";
  const { key, detail } = p.opened;
  // The answer the list asked for, as long as it answers what is shown now.
  const o = p.opened;
  const current = detail && o.asOf === p.asOf && o.maskPii === p.maskPii && o.generation === p.generation ? detail : null;
  const [fetched, setFetched] = useState<{ at: string; d: CustomerDetail } | null>(null);
  const at = `${key}|${p.asOf}|${p.maskPii}|${p.generation}`;
  useLayoutEffect(() => {
    if (current) return;
    let live = true;
    ipc
      .customerDetail(key, p.asOf || null, p.maskPii)
      .then((d) => live && setFetched({ at, d }))
      .catch((e) => live && p.onError(e));
    return () => {
      live = false;
    };
  }, [at, current]);
  const d = current ?? (fetched?.at === at ? fetched.d : null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && p.onBack();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    if (d) markReady("customer");
  }, [d]);
  if (!d) return <p class="placeholder">{t("loading")}</p>;
  const r = d.row;
  return (
    <section class="customer-page" data-testid="customer-page">
      <div class="toolbar">
        <button type="button" onClick={p.onBack} data-testid="customer-back">← {t("back_to_list")}</button>
      </div>
      <div class="cust-head">
        <div>
          <h1 data-testid="customer-title">{d.name ?? d.display_key}</h1>
          <div class="muted">{d.display_key} {d.email && d.email !== d.display_key ? `· ${d.email}` : ""} {d.phone ? `· ${d.phone}` : ""}</div>
          {(d.address || d.marketing !== null) && (
            <div class="muted small" data-testid="customer-address">
              {d.address}
              {d.marketing !== null && (
                <span class={`badge pill ${d.marketing ? "" : "warn"}`} data-testid="customer-marketing">
                  {t(d.marketing ? "marketing_yes" : "marketing_no")}
                </span>
              )}
            </div>
          )}
        </div>
        <div class="cust-stage">
          <span class={`stage-tag big s-${r.stage}`} data-testid="customer-page-stage">{label(STAGE_LABELS, r.stage, lang)}</span>
          <span class={`temp t-${r.temperature}`}>{label(TEMPERATURE_LABELS, r.temperature, lang)}</span>
          {r.segment && <span class="muted">{label(SEGMENT_LABELS, r.segment, lang)}</span>}
        </div>
      </div>
      <div class="panel">
        <h2>{t("stage_reason")}</h2>
        <p data-testid="customer-reason">{stageReasonText(r.reason, lang)}</p>
        {d.hold && <p class="muted small">{stageHoldText(d.hold, lang)}</p>}
        <div class="history" data-testid="stage-history">
          {d.stage_history.map((h) => (
            <div class="hcell" key={h.month} title={h.month}>
              <span class={`dot ${h.stage ? `s-${h.stage}` : "none"}`}>{h.stage ? label(STAGE_LABELS, h.stage, lang) : "·"}</span>
              <span class="muted small">{h.month.slice(2)}</span>
            </div>
          ))}
        </div>
      </div>
      <div class="panel next-action" data-testid="customer-next-action">
        <h2>{t("plan_action")}</h2>
        <p class="big">
          {labelOf(lang, "action", d.action.kind)} <span class="muted small">({labelOf(lang, "channel", d.action.channel)} · {t("plan_due")} {formatDate(d.action.due_on, lang)})</span>
        </p>
        <p>{actionReasonText(d.action.reason, lang)}</p>
        {d.related && (
          <p data-testid="customer-related">
            {t(d.related.customer_key === d.referrer?.customer_key ? "related_referrer" : "related_newcomer")}:{" "}
            <button type="button" class="link-btn" onClick={() => p.onOpen(d.related!.customer_key)}>{d.related.name ?? d.related.display_key}</button>
          </p>
        )}
        <div class="two">
          <div>
            <h3>{t("do_list")}</h3>
            <ul>{(d.play ? (ja ? d.play.do_ja : d.play.do_en) : []).map((x) => <li key={x}>{x}</li>)}</ul>
          </div>
          <div>
            <h3>{t("plan_never")}</h3>
            <ul class="never-list" data-testid="customer-never">{(d.play?.never ?? []).map((n) => { const x = ja ? n.text_ja : n.text_en; return <li key={x}>{x}</li>; })}</ul>
          </div>
        </div>
      </div>
      <div class="cards">
        <div class="card"><div class="label">{t("col_frequency")}</div><div class="value">{formatCount(r.frequency)}</div></div>
        <div class="card"><div class="label">{t("col_monetary")}</div><FitValue full={formatYen(r.monetary)} short={formatYenCompact(r.monetary, lang)} /></div>
        <div class="card"><div class="label">{t("col_referral_points")}</div><div class="value" data-testid="customer-referral-points">{formatCount(r.referral_points)}</div></div>
        <div class="card"><div class="label">{t("col_support_points")}</div><div class="value">{formatCount(r.support_points)}</div></div>
        {(() => {
          const pa = pAliveText(r.p_alive, r.expected_orders_365, t);
          return (
            <div class="card">
              <div class="label">
                {t("col_p_alive")}
                {pa.hint && <span class="help" title={pa.hint} aria-label={pa.hint}> ?</span>}
              </div>
              <div class={`value ${pa.hint ? "small-value" : ""}`} data-testid="customer-page-p-alive">{pa.text}</div>
              {pa.hint && <div class="muted small">{t("p_alive_not_judged_hint")}</div>}
            </div>
          );
        })()}
      </div>
      <div class="two">
        <div class="panel">
          <h2>{t("timeline")}</h2>
          <ul class="timeline" data-testid="customer-timeline">
            {d.timeline.slice(0, 200).map((x, i) => (
              <li key={i} class={`tl-${x.kind}`}>
                <span class="num muted">{formatDate(x.day, lang)}</span> <b>{timelineLabel(x, lang)}</b>{" "}
                {x.amount !== null && <span class="num">{formatYen(x.amount)}</span>}
                {x.score !== null && <span> {x.score}</span>}
                {x.points !== null && <span class="muted"> +{x.points}pt</span>}
                {x.text && <div class="muted small">{x.text}</div>}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <div class="panel">
            <h2>{t("referrals")}</h2>
            <p>
              {t("referrer")}:{" "}
              {d.referrer ? (
                <button type="button" class="link-btn" onClick={() => p.onOpen(d.referrer!.customer_key)} data-testid="customer-referrer">
                  {d.referrer.name ?? d.referrer.display_key}
                </button>
              ) : (
                <span class="muted">{t("none")}</span>
              )}
              {d.referrer && d.newcomer_day !== null && <span class="muted small"> ({t("guardian_of_you")})</span>}
            </p>
            {d.newcomer_day !== null && (
              <p data-testid="customer-milestone">
                {t("first_90_days")}: {t("day_n").replace("{n}", String(d.newcomer_day))} · {t("col_milestone")} {d.milestone ? labelOf(lang, "milestone", d.milestone) : t("milestone_none")}
              </p>
            )}
            {d.newcomer_day === null && d.milestone && (
              <p class="muted small" data-testid="customer-milestone">{t("milestone_reached")}: {labelOf(lang, "milestone", d.milestone)}</p>
            )}
            <ul data-testid="customer-referred">
              {d.referred.map((x) => (
                <li key={x.customer_key}>
                  <button type="button" class="link-btn" onClick={() => p.onOpen(x.customer_key)}>{x.name ?? x.display_key}</button>{" "}
                  <span class="muted small">{x.stage ? label(STAGE_LABELS, x.stage, lang) : "–"} · {formatYen(x.monetary)}</span>
                  {x.newcomer_day !== null && (
                    <span class="small" data-testid="customer-guarded">
                      {" "}· {t("guarded_newcomer")} {t("day_n").replace("{n}", String(x.newcomer_day))} · {x.milestone ? labelOf(lang, "milestone", x.milestone) : t("milestone_none")}
                    </span>
                  )}
                </li>
              ))}
            </ul>
            {r.badges.length > 0 && (
              <p>
                {r.badges.map((b) => (
                  <span class="badge pill" key={b}>{label(BADGE_LABELS, b, lang)}</span>
                ))}
              </p>
            )}
          </div>
          <div class="panel">
            <h2>{t("ledger")}</h2>
            <table class="grid" data-testid="customer-ledger">
              <tbody>
                {d.ledger.slice().reverse().slice(0, 100).map((e, i) => (
                  <tr key={i}>
                    <td class="num">{formatDate(e.day, lang)}</td>
                    <td>{ja ? e.label_ja : e.label_en}{e.from_key ? ` (${p.maskPii ? "•••" : e.from_key})` : ""}</td>
                    <td>{e.axis === "referral" ? t("col_referral_points") : t("col_support_points")}</td>
                    <td class="num">+{e.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </section>
  );
}
