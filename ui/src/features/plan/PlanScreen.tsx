// アクションプラン: the next right step for each customer, the campaign check
// and the playbook the plan follows (domain.md §4–6).
import { PeopleCsvButton } from "../../components/PeopleCsv";
import { SavedNote } from "../../components/Saved";
import { useEffect, useRef, useState } from "preact/hooks";
import { open } from "@tauri-apps/plugin-dialog";
import { chooseSavePath, writeAsking } from "../../components/saveFile";
import {
  ipc,
  type ActionStatus,
  type CampaignCheck,
  type CampaignTarget,
  type CampaignType,
  type PlanPage,
  type PlanQuery,
  type PlanRow,
  type Playbook,
  type SavedList,
  type SendRecord,
  type Stage,
} from "../../ipc";
import { formatCount, type Key, type Lang } from "../../i18n";
import {
  CAMPAIGNS,
  CAMPAIGN_LABELS,
  QUADRANTS,
  QUADRANT_LABELS,
  SEGMENTS,
  SEGMENT_LABELS,
  STAGES,
  STAGE_LABELS,
  STATUSES,
  STATUS_LABELS,
  TEMPERATURES,
  TEMPERATURE_LABELS,
  label,
} from "../../i18n/labels";
import { markReady } from "../../perf";
import { formatDate } from "../../components/date";
import { emptyTarget, lines, pageLabel, planQuery, playbookProblems, rowId, selectAll, selectOne, statusChanges, turnPage, type DueWindow } from "./model";
import { Chips } from "../../components/Chips";
import { RecordFields, SendListPanel } from "./SendList";
import { keep, kept } from "../../ipc/cache";
import { actionReasonText, labelOf } from "../../i18n/words";

interface Props {
  t: (k: Key) => string;
  lang: Lang;
  asOf: string;
  /** The analysis date the workspace resolves to (for due windows). */
  resolvedAsOf: string;
  maskPii: boolean;
  /** The workspace generation the figures are of. */
  generation: number;
  onError: (e: unknown) => void;
  /** The workspace changed (statuses, playbook): the app reads its new generation. */
  onChanged: () => void;
  /** Opens a customer's page. */
  onOpenCustomer: (key: string) => void;
}

// What the list showed when the screen was left: its filters, and its page
// for the figures it was read from, so that the next visit shows them at once.
interface ListFilters {
  /** 今週やること: the first to-dos due within 7 days, in priority order. */
  week: boolean;
  stage: string;
  due: DueWindow;
  asks: string;
  search: string;
  offset: number;
}
const FRESH: ListFilters = { week: true, stage: "", due: "all", asks: "", search: "", offset: 0 };
let keptFilters: ListFilters = FRESH;

/** Steps the 今週やること view shows. */
export const WEEK_SIZE = 20;

function listQuery(f: ListFilters, resolvedAsOf: string, maskPii: boolean): PlanQuery {
  if (f.week) {
    return { ...planQuery({ ...f, due: "7", status: "todo", asOf: resolvedAsOf, maskPii, offset: 0 }), limit: WEEK_SIZE };
  }
  return planQuery({ ...f, status: "", asOf: resolvedAsOf, maskPii });
}

/** Where a plan page is kept in the page's one cache (one workspace generation). */
function pageKey(q: PlanQuery, asOf: string): string {
  return `plan-page ${JSON.stringify([q, asOf])}`;
}

/** Another workspace was opened: the list starts again unfiltered, on its first page. */
export function forgetPlanView(): void {
  keptFilters = FRESH;
}

/** Read the page the list opens with, so that its first visit renders at once. */
export async function prefetchPlan(asOf: string, resolvedAsOf: string, maskPii: boolean): Promise<void> {
  const q = listQuery(keptFilters, resolvedAsOf, maskPii);
  const key = pageKey(q, asOf);
  if (kept<PlanPage>(key)) return;
  keep(key, await ipc.planPage(asOf || null, q));
}

/** Rows of a plan page drawn in the first frame (a window's height and more). */
const FIRST_ROWS = 12;

type Tab = "list" | "campaign" | "playbook";

export function PlanScreen(p: Props) {
  const [tab, setTab] = useState<Tab>("list");
  return (
    <section class="plan" data-testid="plan-screen">
      <div class="toolbar">
        <h1>{p.t("plan_title")}</h1>
        <ReportButton {...p} />
        <ExportButton {...p} />
      </div>
      <p class="hint">{p.t("plan_hint")}</p>
      <div class="segmented" role="tablist">
        {(["list", "campaign", "playbook"] as const).map((id) => (
          <button type="button" role="tab" key={id} class={tab === id ? "on" : ""} aria-selected={tab === id} data-testid={`plan-tab-${id}`} onClick={() => setTab(id)}>
            {p.t(`plan_tab_${id}` as Key)}
          </button>
        ))}
      </div>
      {tab === "list" && <PlanList {...p} />}
      {tab === "campaign" && <CampaignPanel {...p} />}
      {tab === "playbook" && <PlaybookEditor {...p} />}
    </section>
  );
}

/** 「レポートを書き出す」: the workshop report for the client (A4 PDF). */
function ReportButton(p: Props) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ path: string; pages: number } | null>(null);
  const onReport = async () => {
    const target = await chooseSavePath(`${p.t("report_file_name")}.pdf`, "PDF", "pdf");
    if (!target) return;
    setBusy(true);
    setDone(null);
    try {
      const s = await writeAsking(target, p.t, (replace) => ipc.exportReport(target.path, p.asOf || null, p.maskPii, replace, p.lang));
      if (s) setDone({ path: s.path, pages: s.pages });
    } catch (e) {
      p.onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="export">
      {done && (
        <span class="muted" data-testid="report-done">
          {p.t("plan_exported")} {done.path} · {p.t("report_pages").replace("{n}", String(done.pages))}{" "}
          <button type="button" class="link-btn" data-testid="open-folder" onClick={() => void ipc.revealFile(done.path).catch(p.onError)}>
            {p.t("open_folder")}
          </button>
        </span>
      )}
      <button type="button" disabled={busy} onClick={onReport} data-testid="export-report" title={p.t("report_hint")}>
        {busy ? p.t("plan_exporting") : p.maskPii ? p.t("report_export_masked") : p.t("report_export")}
      </button>
    </div>
  );
}

function ExportButton(p: Props) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const onExport = async () => {
    const target = await chooseSavePath(`${p.t("plan_file_name")}.xlsx`, "Excel", "xlsx");
    if (!target) return;
    setBusy(true);
    setDone(null);
    try {
      const s = await writeAsking(target, p.t, (replace) => ipc.exportPlan(target.path, p.asOf || null, p.maskPii, replace));
      if (s) setDone(s.path);
    } catch (e) {
      p.onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="export">
      {done && (
        <span class="muted" data-testid="export-done">
          {p.t("plan_exported")} {done}{" "}
          <button type="button" class="link-btn" data-testid="open-folder" onClick={() => void ipc.revealFile(done).catch(p.onError)}>
            {p.t("open_folder")}
          </button>
        </span>
      )}
      <button type="button" class="primary" disabled={busy} onClick={onExport} data-testid="export-plan">
        {busy ? p.t("plan_exporting") : p.maskPii ? p.t("plan_export_masked") : p.t("plan_export")}
      </button>
    </div>
  );
}

function PlanList(p: Props) {
  const { t, lang } = p;
  const [stage, setStage] = useState(keptFilters.stage);
  // The rows last marked, as they were shown before (for undo), and the status given.
  const [undo, setUndo] = useState<{ rows: PlanRow[]; status: ActionStatus } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [sendOpen, setSendOpen] = useState(false);
  const [week, setWeek] = useState(keptFilters.week);
  const [due, setDue] = useState<DueWindow>(keptFilters.due);
  const [asks, setAsks] = useState(keptFilters.asks);
  const [search, setSearch] = useState(keptFilters.search);
  const [offset, setOffset] = useState(keptFilters.offset);
  const filters: ListFilters = { week, stage, due, asks, search, offset };
  const query = listQuery(filters, p.resolvedAsOf, p.maskPii);
  const [page, setPage] = useState<PlanPage | null>(() => kept<PlanPage>(pageKey(query, p.asOf)) ?? null);
  const [loading, setLoading] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    keptFilters = filters;
    const key = pageKey(query, p.asOf);
    const hit = kept<PlanPage>(key);
    if (hit) {
      setPage(hit);
      setSelected(new Set());
      markReady("plan");
      return;
    }
    let live = true;
    setLoading(true);
    ipc
      .planPage(p.asOf || null, query)
      .then((r) => {
        keep(key, r);
        if (!live) return;
        setPage(r);
        setSelected(new Set());
        markReady("plan");
      })
      .catch((e) => live && p.onError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [week, stage, due, asks, search, offset, p.asOf, p.resolvedAsOf, p.maskPii, p.generation]);

  // "/" focuses the search, as in most desktop tools.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "/" && document.activeElement?.tagName !== "INPUT" && document.activeElement?.tagName !== "TEXTAREA") {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const filter = (set: (v: string) => void) => (e: Event) => {
    set((e.target as HTMLSelectElement).value);
    setOffset(0);
  };

  // Done or skipped moves the customer on to their next step; the notice
  // offers to take it back (the logged contact goes too). One row from its
  // status menu, or the selected rows at once.
  const mark = async (rows: PlanRow[], next: ActionStatus) => {
    try {
      await ipc.setActionStatuses(statusChanges(rows, next), p.asOf || null);
      setUndo({ rows, status: next });
      p.onChanged();
    } catch (e) {
      p.onError(e);
    }
  };
  const onUndo = async (u: { rows: PlanRow[] }) => {
    try {
      await ipc.setActionStatuses(statusChanges(u.rows), p.asOf || null);
      setUndo(null);
      p.onChanged();
    } catch (e) {
      p.onError(e);
    }
  };
  // A page's first rows are drawn at once and the rest just after the first
  // paint, so the screen shows without waiting for rows below the window.
  const [fullPage, setFullPage] = useState<PlanPage | null>(null);
  useEffect(() => {
    if (!page || fullPage === page || page.rows.length <= FIRST_ROWS) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setFullPage(page), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [page]);
  const drawn = !page ? [] : fullPage === page ? page.rows : page.rows.slice(0, FIRST_ROWS);
  // A held-out row (対照) takes no status, so it cannot be picked either.
  const ids = page?.rows.filter((r) => r.action.status !== "control").map(rowId) ?? [];
  const chosen = page?.rows.filter((r) => selected.has(rowId(r))) ?? [];
  const allChosen = ids.length > 0 && chosen.length === ids.length;

  return (
    <div class="panel">
      <div class="segmented plan-view" role="radiogroup" aria-label={t("plan_view")}>
        <button type="button" role="radio" aria-checked={week} class={week ? "on" : ""} data-testid="plan-view-week" onClick={() => { setWeek(true); setOffset(0); }}>
          {t("plan_view_week").replace("{n}", String(WEEK_SIZE))}
        </button>
        <button type="button" role="radio" aria-checked={!week} class={!week ? "on" : ""} data-testid="plan-view-all" onClick={() => { setWeek(false); setOffset(0); }}>
          {t("plan_view_all")}
        </button>
        <span class="muted small">{t(week ? "plan_view_week_hint" : "plan_view_all_hint")}</span>
      </div>
      <div class="options-row">
        <label>
          {t("stage")}
          <select value={stage} onChange={filter(setStage)} data-testid="plan-stage">
            <option value="">{t("all")}</option>
            {STAGES.map((s) => (
              <option value={s} key={s}>{label(STAGE_LABELS, s, lang)}</option>
            ))}
          </select>
        </label>
        <label class={week ? "hidden" : ""}>
          {t("plan_due")}
          <select value={due} onChange={filter((v) => setDue(v as DueWindow))} data-testid="plan-due">
            <option value="all">{t("all")}</option>
            <option value="7">{t("plan_due_7")}</option>
            <option value="30">{t("plan_due_30")}</option>
          </select>
        </label>
        <label>
          {t("plan_kind")}
          <select value={asks} onChange={filter(setAsks)} data-testid="plan-asks">
            <option value="">{t("all")}</option>
            <option value="yes">{t("plan_asks")}</option>
            <option value="no">{t("plan_not_asks")}</option>
          </select>
        </label>
        <label class="grow">
          <span>
            {t("search")} <span class="kbd" title={t("search")}>/</span>
          </span>
          <input
            ref={searchRef}
            type="search"
            value={search}
            placeholder={t("plan_search_placeholder")}
            data-testid="plan-search"
            onInput={(e) => {
              setSearch((e.target as HTMLInputElement).value);
              setOffset(0);
            }}
          />
        </label>
      </div>
      {undo && (
        <div class="notice" data-testid="plan-undo-notice">
          <span>
            {undo.rows.length === 1
              ? t("plan_marked")
                  .replace("{who}", undo.rows[0].display_key)
                  .replace("{what}", labelOf(lang, "action", undo.rows[0].action.kind))
                  .replace("{status}", label(STATUS_LABELS, undo.status, lang))
              : t("plan_marked_many").replace("{n}", formatCount(undo.rows.length)).replace("{status}", label(STATUS_LABELS, undo.status, lang))}
          </span>
          <button type="button" data-testid="plan-undo" onClick={() => void onUndo(undo)}>
            {t("import_undo")}
          </button>
        </div>
      )}
      {chosen.length > 0 && (
        <div class="notice bulk" data-testid="plan-bulk">
          <span data-testid="plan-selected">{t("plan_selected").replace("{n}", formatCount(chosen.length))}</span>
          {(["done", "skipped"] as const).map((st) => (
            <button type="button" key={st} class={st === "done" ? "primary" : ""} data-testid={`plan-bulk-${st}`} onClick={() => void mark(chosen, st)}>
              {t("plan_bulk_to").replace("{status}", label(STATUS_LABELS, st, lang))}
            </button>
          ))}
          <button type="button" data-testid="plan-bulk-send" onClick={() => setSendOpen(true)}>
            {t("send_list_open")}
          </button>
          <button type="button" data-testid="plan-bulk-clear" onClick={() => setSelected(new Set())}>
            {t("plan_clear_selection")}
          </button>
        </div>
      )}
      {chosen.length === 0 && !sendOpen && (
        <div class="actions-row">
          <button type="button" data-testid="plan-send-list" onClick={() => setSendOpen(true)}>
            {t("send_list_open")}
          </button>
        </div>
      )}
      {sendOpen && (
        <SendListPanel maskPii={p.maskPii}
          t={t}
          lang={lang}
          asOf={p.asOf}
          target={{
            ...emptyTarget(),
            stages: chosen.length === 0 && stage ? [stage as Stage] : [],
            keys: [...new Set(chosen.map((r) => r.customer_key))],
          }}
          onError={p.onError}
          onChanged={p.onChanged}
          onClose={() => setSendOpen(false)}
        />
      )}
      {page && (
        <div class="plan-counts" data-testid="plan-counts">
          <span>{t("plan_matching")} <b data-testid="plan-total">{formatCount(page.total)}</b></span>
          {page.control > 0 && (
            <span class="muted" title={t("plan_control_hint")} data-testid="plan-control-count">
              {t("plan_control_count").replace("{n}", formatCount(page.control))}
            </span>
          )}
          <span class="spacer" />
          {week ? (
            page.total > page.rows.length && (
              <button type="button" class="link-btn" onClick={() => { setWeek(false); setOffset(0); }} data-testid="plan-week-more">
                {t("plan_view_week_more").replace("{n}", formatCount(page.total - page.rows.length))}
              </button>
            )
          ) : (
            <>
              <button type="button" disabled={offset === 0} onClick={() => setOffset(turnPage(offset, -1, page.total))} aria-label={t("prev_page")}>‹</button>
              <span class="muted" data-testid="plan-page">{pageLabel(page.offset, page.rows.length, page.total)}</span>
              <button type="button" disabled={offset + page.rows.length >= page.total} onClick={() => setOffset(turnPage(offset, 1, page.total))} aria-label={t("next_page")}>›</button>
            </>
          )}
        </div>
      )}
      <div class={`table-scroll tall ${loading ? "loading" : ""}`}>
        <table class="grid plan-table" data-testid="plan-table">
          <thead>
            <tr>
              <th class="pick">
                <input
                  type="checkbox"
                  checked={allChosen}
                  ref={(el) => {
                    if (el) el.indeterminate = chosen.length > 0 && !allChosen;
                  }}
                  disabled={ids.length === 0}
                  aria-label={t("plan_select_page")}
                  title={t("plan_select_page")}
                  data-testid="plan-select-all"
                  onChange={() => setSelected(selectAll(selected, ids))}
                />
              </th>
              <th>{t("plan_due_on")}</th>
              <th>{t("customer")}</th>
              <th>{t("stage")}</th>
              <th>{t("temperature")}</th>
              <th>{t("plan_action")}</th>
              <th>{t("plan_reason")}</th>
              <th>{t("plan_never")}</th>
              <th class="status-cell">{t("plan_status")}</th>
            </tr>
          </thead>
          <tbody>
            {drawn.map((r) => (
              <tr key={`${r.customer_key}|${r.action.kind}`} data-testid="plan-row" class={selected.has(rowId(r)) ? "picked" : ""}>
                <td class="pick">
                  {r.action.status !== "control" && (
                    <input type="checkbox" checked={selected.has(rowId(r))} aria-label={t("plan_select_row")} data-testid="plan-row-select" onChange={() => setSelected(selectOne(selected, rowId(r)))} />
                  )}
                </td>
                <td class="num">{formatDate(r.action.due_on, lang)}</td>
                <td>
                  <div data-testid="plan-key">{r.display_key}</div>
                  {r.name && <div class="muted small" data-testid="plan-name">{r.name}</div>}
                </td>
                <td>{label(STAGE_LABELS, r.stage, lang)}</td>
                <td>{label(TEMPERATURE_LABELS, r.temperature, lang)}</td>
                <td>
                  <div>{labelOf(lang, "action", r.action.kind)}</div>
                  <div class="muted small">{labelOf(lang, "channel", r.action.channel)}</div>
                </td>
                <td class="wrap">
                  {actionReasonText(r.action.reason, lang)}
                  {r.related && (
                    <div class="muted small" data-testid="plan-related">
                      {t(r.related.relation === "referrer" ? "related_referrer" : "related_newcomer")}: {r.related.name ?? r.related.display_key}
                    </div>
                  )}
                </td>
                <td class="never">
                  {(() => {
                    // Once per stage, in a tooltip: the same list on every row of a stage
                    // would fill the table (issue #17).
                    const list = neverOf(page, r.stage, lang);
                    const n = page?.plays.find((x) => x.stage === r.stage)?.never.length ?? 0;
                    return n > 0 ? (
                      <span class="chip never-chip" title={list} aria-label={`${t("plan_never")}: ${list}`} tabIndex={0} data-testid="plan-never">
                        {t("plan_never_count").replace("{n}", String(n))}
                      </span>
                    ) : null;
                  })()}
                </td>
                <td class="status-cell">
                  {r.action.status === "control" ? (
                    <span class="chip control" title={t("plan_control_hint")} data-testid="plan-row-control">
                      {label(STATUS_LABELS, "control", lang)}
                    </span>
                  ) : (
                  <select
                    value={r.action.status}
                    data-testid="plan-row-status"
                    aria-label={t("plan_status")}
                    onChange={(e) => void mark([r], (e.target as HTMLSelectElement).value as ActionStatus)}
                  >
                    {STATUSES.map((s) => (
                      <option value={s} key={s}>{label(STATUS_LABELS, s, lang)}</option>
                    ))}
                  </select>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.total === 0 && <p class="placeholder" data-testid="plan-empty">{t("plan_empty")}</p>}
      </div>
    </div>
  );
}

/** The 禁止施策 of a stage, from the playbook the page was read with. */
function neverOf(page: PlanPage | null, stage: PlanRow["stage"], lang: Lang): string {
  const play = page?.plays.find((x) => x.stage === stage);
  return (play?.never ?? []).map((n) => (lang === "ja" ? n.text_ja : n.text_en)).join(lang === "ja" ? "・" : "; ");
}

function CampaignPanel(p: Props) {
  const { t, lang } = p;
  const [campaign, setCampaign] = useState<CampaignType>("discount");
  const [target, setTarget] = useState<CampaignTarget>(emptyTarget());
  const [keysPath, setKeysPath] = useState<string | null>(null);
  const [result, setResult] = useState<CampaignCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ path: string; list: SavedList } | null>(null);
  // Recording the saved list as sent (効果測定): a campaign name and a holdout.
  const [record, setRecord] = useState(false);
  const [campaignName, setCampaignName] = useState("");
  const [holdout, setHoldout] = useState(0.1);
  // The remaining recipients as a 送付リスト (mail, address, labels…).
  const [sendOpen, setSendOpen] = useState(false);
  const set = <K extends keyof CampaignTarget>(k: K) => (v: CampaignTarget[K]) => {
    setTarget({ ...target, [k]: v });
    setResult(null);
  };
  useEffect(() => setSendOpen(false), [result]);
  // A check made with masking off shows keys: it is dropped when masking
  // goes on (and the other way round), and made again on request.
  useEffect(() => setResult(null), [p.maskPii]);

  const onPickKeys = async () => {
    const path = await open({ multiple: false, directory: false, filters: [{ name: "CSV / TXT", extensions: ["csv", "txt", "tsv"] }] });
    if (typeof path === "string") {
      setKeysPath(path);
      setResult(null);
    }
  };

  const onCheck = async () => {
    setBusy(true);
    setSaved(null);
    try {
      setResult(await ipc.campaignCheck(p.asOf || null, campaign, target, keysPath, p.maskPii));
    } catch (e) {
      p.onError(e);
    } finally {
      setBusy(false);
    }
  };

  const onSaveAllowed = async () => {
    if (!result) return;
    const target = await chooseSavePath(`${p.t("campaign_file_name")}.csv`, "CSV", "csv");
    if (!target) return;
    try {
      const rec: SendRecord | null = record ? { campaign: campaignName.trim(), holdout_share: holdout, date: null } : null;
      const written = await writeAsking(target, p.t, (replace) => ipc.saveKeyList(target.path, result.allowed_keys, replace, rec));
      if (written !== null) {
        setSaved({ path: target.path, list: written });
        if (rec) p.onChanged();
      }
    } catch (e) {
      p.onError(e);
    }
  };

  return (
    <div class="panel campaign" data-testid="campaign-panel">
      <p class="hint">{t("campaign_hint")}</p>
      <div class="options-row">
        <label>
          {t("campaign_type")}
          <select value={campaign} data-testid="campaign-type" onChange={(e) => { setCampaign((e.target as HTMLSelectElement).value as CampaignType); setResult(null); }}>
            {CAMPAIGNS.map((c) => (
              <option value={c} key={c}>{label(CAMPAIGN_LABELS, c, lang)}</option>
            ))}
          </select>
        </label>
        <label>
          {t("referred")}
          <select
            value={target.referred === null ? "" : target.referred ? "yes" : "no"}
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
      </div>
      <h3>{t("campaign_target")} <span class="muted small">{t("campaign_target_hint")}</span></h3>
      <div class="target-grid">
        <span class="label">{t("stage")}</span>
        <Chips ids={STAGES} labels={STAGE_LABELS} lang={lang} value={target.stages} onChange={set("stages")} testid="target-stage" />
        <span class="label">{t("segment")}</span>
        <Chips ids={SEGMENTS} labels={SEGMENT_LABELS} lang={lang} value={target.segments} onChange={set("segments")} testid="target-segment" />
        <span class="label">{t("quadrant")}</span>
        <Chips ids={QUADRANTS} labels={QUADRANT_LABELS} lang={lang} value={target.quadrants} onChange={set("quadrants")} testid="target-quadrant" />
        <span class="label">{t("temperature")}</span>
        <Chips ids={TEMPERATURES} labels={TEMPERATURE_LABELS} lang={lang} value={target.temperatures} onChange={set("temperatures")} testid="target-temperature" />
        <span class="label">{t("campaign_list")}</span>
        <div>
          <button type="button" onClick={onPickKeys} data-testid="campaign-keys">{t("campaign_pick_list")}</button>{" "}
          {keysPath && (
            <span class="muted small">
              {keysPath.split(/[\\/]/).pop()}{" "}
              <button type="button" class="link" onClick={() => { setKeysPath(null); setResult(null); }}>×</button>
            </span>
          )}
        </div>
      </div>
      <div class="actions-row">
        <button type="button" class="primary" onClick={onCheck} disabled={busy} data-testid="campaign-check">
          {t("campaign_check")}
        </button>
      </div>
      {result && (
        <div class="campaign-result" data-testid="campaign-result">
          <p class={result.forbidden + result.recently_asked > 0 ? "verdict warn" : "verdict ok"} data-testid="campaign-verdict">
            {result.forbidden + result.recently_asked > 0
              ? t("campaign_verdict_bad")
                  .replace("{n}", formatCount(result.recipients))
                  .replace("{f}", formatCount(result.forbidden))
                  .replace("{r}", formatCount(result.recently_asked))
              : t("campaign_verdict_ok").replace("{n}", formatCount(result.recipients))}
          </p>
          <table class="grid">
            <thead>
              <tr>
                <th>{t("stage")}</th>
                <th class="num">{t("campaign_recipients")}</th>
                <th class="num">{t("campaign_forbidden")}</th>
                <th>{t("campaign_why")}</th>
              </tr>
            </thead>
            <tbody>
              {result.by_stage.map((s) => (
                <tr key={s.stage} class={s.forbidden > 0 ? "forbidden" : ""} data-testid={`campaign-stage-${s.stage}`}>
                  <td>{label(STAGE_LABELS, s.stage, lang)}</td>
                  <td class="num">{formatCount(s.recipients)}</td>
                  <td class="num">{formatCount(s.forbidden)}</td>
                  <td class="wrap">{(lang === "ja" ? s.never_ja : s.never_en).map((n) => `「${n}」`).join(" ") || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.unknown_keys.length > 0 && (
            <p class="notes">{t("campaign_unknown").replace("{n}", formatCount(result.unknown_keys.length))}</p>
          )}
          {result.excluded.length > 0 && (
            <>
              <div class="toolbar">
                <h3>{t("campaign_excluded")} ({formatCount(result.excluded.length)})</h3>
                <PeopleCsvButton t={t} lang={lang} asOf={p.asOf} maskPii={p.maskPii} list={{ kind: "campaign_excluded", campaign, target, keys_path: keysPath }} fileName={t("file_excluded")} testid="campaign-excluded-csv" onError={p.onError} />
              </div>
              <div class="table-scroll">
                <table class="grid">
                  <tbody>
                    {result.excluded.slice(0, 300).map((x) => (
                      <tr key={x.customer_key}>
                        <td>
                          <button type="button" class="link-btn" data-testid="open-customer" onClick={() => p.onOpenCustomer(x.customer_key)}>
                            {x.name ?? x.display_key ?? x.customer_key}
                          </button>
                        </td>
                        <td>{label(STAGE_LABELS, x.stage, lang)}</td>
                        <td class="wrap">{lang === "ja" ? x.reason_ja : x.reason_en}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <div class="options-row send-record" data-testid="campaign-record">
            <label class="check">
              <input type="checkbox" checked={record} data-testid="campaign-record-on" onChange={() => setRecord(!record)} />
              {t("send_record")}
            </label>
            {record && <RecordFields t={t} campaign={campaignName} holdout={holdout} testid="campaign-record" onCampaign={setCampaignName} onHoldout={setHoldout} />}
          </div>
          {record && <p class="hint">{t("send_record_hint")}</p>}
          <div class="actions-row">
            <button type="button" onClick={onSaveAllowed} disabled={result.allowed_keys.length === 0 || (record && !campaignName.trim())} data-testid="campaign-save-allowed">
              {t(record ? "campaign_save_recorded" : "campaign_save_allowed").replace("{n}", formatCount(result.allowed_keys.length))}
            </button>
            <button type="button" onClick={() => setSendOpen(true)} disabled={result.allowed_keys.length === 0} data-testid="campaign-send-list">
              {t("campaign_send_list").replace("{n}", formatCount(result.allowed_keys.length))}
            </button>
            {saved && (
              <SavedNote t={t} path={saved.path} testid="campaign-saved" onError={p.onError}>
                {saved.list.campaign !== null &&
                  " · " +
                    t("send_recorded")
                      .replace("{sent}", formatCount(saved.list.included))
                      .replace("{held}", formatCount(saved.list.held_out))
                      .replace("{campaign}", saved.list.campaign)}
              </SavedNote>
            )}
          </div>
          {sendOpen && (
            <SendListPanel maskPii={p.maskPii}
              t={t}
              lang={lang}
              asOf={p.asOf}
              target={{ ...emptyTarget(), keys: result.allowed_keys }}
              onError={p.onError}
              onChanged={p.onChanged}
              onClose={() => setSendOpen(false)}
            />
          )}
        </div>
      )}
    </div>
  );
}

function PlaybookEditor(p: Props) {
  const { t, lang } = p;
  const [book, setBook] = useState<Playbook | null>(null);
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [confirmRestore, setConfirmRestore] = useState(false);
  const ja = lang === "ja";

  useEffect(() => {
    ipc.playbook().then(setBook).catch(p.onError);
  }, []);

  if (!book) return <p class="placeholder">{t("loading")}</p>;

  const edit = (f: (b: Playbook) => void) => {
    const next: Playbook = structuredClone(book);
    f(next);
    setBook(next);
    setDirty(true);
    setMessage(null);
  };
  const problems = playbookProblems(book);

  const onSave = async () => {
    try {
      setBook(await ipc.savePlaybook(book));
      p.onChanged();
      setDirty(false);
      setMessage(t("playbook_saved"));
    } catch (e) {
      p.onError(e);
    }
  };
  const onRestore = async () => {
    setConfirmRestore(false);
    try {
      setBook(await ipc.restorePlaybook());
      p.onChanged();
      setDirty(false);
      setMessage(t("playbook_restored"));
    } catch (e) {
      p.onError(e);
    }
  };

  return (
    <div class="panel playbook" data-testid="playbook-editor">
      <p class="hint">{t("playbook_hint")}</p>
      <div class="options-row">
        <label>
          {t("playbook_ask_cooldown")}
          <input type="number" min={0} value={book.ask_cooldown_days} data-testid="playbook-ask-cooldown" onInput={(e) => edit((b) => { b.ask_cooldown_days = Number((e.target as HTMLInputElement).value); })} />
        </label>
        <label>
          {t("playbook_repeat_cooldown")}
          <input type="number" min={0} value={book.repeat_cooldown_days} onInput={(e) => edit((b) => { b.repeat_cooldown_days = Number((e.target as HTMLInputElement).value); })} />
        </label>
        <label>
          {t("playbook_initial_asks")}
          <input type="number" min={0} value={book.initial_asks_per_month} data-testid="playbook-initial-asks" onInput={(e) => edit((b) => { b.initial_asks_per_month = Number((e.target as HTMLInputElement).value); })} />
        </label>
      </div>
      {book.stages.map((s, si) => (
        <div class="stage-play" key={s.stage} data-testid={`playbook-stage-${s.stage}`}>
          <h3>{label(STAGE_LABELS, s.stage, lang)}</h3>
          <label class="block">
            {t("playbook_meaning")}
            <input type="text" value={ja ? s.meaning_ja : s.meaning_en} onInput={(e) => edit((b) => { const v = (e.target as HTMLInputElement).value; if (ja) b.stages[si].meaning_ja = v; else b.stages[si].meaning_en = v; })} />
          </label>
          <div class="two">
            <label class="block">
              {t("playbook_do")}
              <textarea rows={4} value={(ja ? s.do_ja : s.do_en).join("\n")} onInput={(e) => edit((b) => { const v = lines((e.target as HTMLTextAreaElement).value); if (ja) b.stages[si].do_ja = v; else b.stages[si].do_en = v; })} />
            </label>
            <div class="block">
              <span>{t("playbook_never")}</span>
              {s.never.map((n, ni) => (
                <div class="never-item" key={ni}>
                  <input type="text" value={ja ? n.text_ja : n.text_en} data-testid={`playbook-never-${s.stage}-${ni}`} onInput={(e) => edit((b) => { const v = (e.target as HTMLInputElement).value; if (ja) b.stages[si].never[ni].text_ja = v; else b.stages[si].never[ni].text_en = v; })} />
                  <button type="button" class="link" aria-label={t("remove")} onClick={() => edit((b) => { b.stages[si].never.splice(ni, 1); })}>×</button>
                  <div class="never-campaigns" title={t("playbook_rules_out")}>
                    <Chips
                      ids={CAMPAIGNS}
                      labels={CAMPAIGN_LABELS}
                      lang={lang}
                      value={n.campaigns}
                      testid={`playbook-rules-${s.stage}-${ni}`}
                      onChange={(v) => edit((b) => { b.stages[si].never[ni].campaigns = v; })}
                    />
                  </div>
                </div>
              ))}
              <button type="button" onClick={() => edit((b) => { b.stages[si].never.push({ text_ja: ja ? t("playbook_new_item") : "", text_en: ja ? "" : t("playbook_new_item"), campaigns: [] }); })}>
                + {t("playbook_add_never")}
              </button>
            </div>
          </div>
          <label class="block">
            {t("playbook_thank_you")}
            <textarea rows={3} value={ja ? s.thank_you_ja : s.thank_you_en} data-testid={`playbook-thank-you-${s.stage}`} onInput={(e) => edit((b) => { const v = (e.target as HTMLTextAreaElement).value; if (ja) b.stages[si].thank_you_ja = v; else b.stages[si].thank_you_en = v; })} />
          </label>
        </div>
      ))}
      <h3>{t("playbook_nps")}</h3>
      {(["promoter", "passive", "detractor"] as const).map((g) => {
        const k = `${g}_${ja ? "ja" : "en"}` as const;
        return (
          <label class="block" key={g}>
            {t(`nps_${g}` as Key)}
            <input type="text" value={book.nps[k]} onInput={(e) => edit((b) => { b.nps[k] = (e.target as HTMLInputElement).value; })} />
          </label>
        );
      })}
      <h3>{t("playbook_phases")}</h3>
      {(["initial", "mid"] as const).map((ph) => {
        const k = `${ph}_${ja ? "ja" : "en"}` as const;
        return (
          <label class="block" key={ph}>
            {t(`phase_${ph}` as Key)}
            <textarea rows={2} value={book.phases[k]} onInput={(e) => edit((b) => { b.phases[k] = (e.target as HTMLTextAreaElement).value; })} />
          </label>
        );
      })}
      <h3>{t("playbook_onboarding")}</h3>
      <table class="grid">
        <tbody>
          {book.onboarding.map((m, mi) => (
            <tr key={mi}>
              <td>{ja ? m.name_ja : m.name_en}</td>
              <td class="num">{m.from_day}–{m.to_day}{t("days")}</td>
              <td class="wrap">
                <input type="text" value={ja ? m.action_ja : m.action_en} onInput={(e) => edit((b) => { const v = (e.target as HTMLInputElement).value; if (ja) b.onboarding[mi].action_ja = v; else b.onboarding[mi].action_en = v; })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > 0 && <p class="notes">{t("playbook_problems")}: {problems.join(", ")}</p>}
      <div class="actions-row">
        <button type="button" class="primary" disabled={!dirty || problems.length > 0} onClick={onSave} data-testid="playbook-save">
          {t("save")}
        </button>
        {confirmRestore ? (
          <span class="confirm">
            {t("playbook_restore_confirm")}
            <button type="button" class="danger" onClick={onRestore} data-testid="playbook-restore-yes">{t("playbook_restore")}</button>
            <button type="button" onClick={() => setConfirmRestore(false)}>{t("cancel")}</button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirmRestore(true)} data-testid="playbook-restore">{t("playbook_restore")}</button>
        )}
        {message && <span class="muted" data-testid="playbook-message">{message}</span>}
      </div>
    </div>
  );
}
