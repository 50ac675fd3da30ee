// ステージ・紹介・ポイント・NPS・予測: the analysis screens. Charts are SVG drawn
// by our own Rust code (plotters, bundled font); tables beside them give the
// exact numbers.
import { useEffect, useState } from "preact/hooks";
import { ipc, type AnalysisView, type Milestone, type NpsCommentPage, type NpsGroup, type PointRule } from "../../ipc";

const MILESTONES: Milestone[] = ["place", "role", "change"];
import { cached, keep, kept } from "../../ipc/cache";
import { formatCount, formatPercent, formatYen, formatYenCompact, type Key, type Lang } from "../../i18n";
import { FitValue } from "../../components/FitValue";
import { BADGE_LABELS, QUADRANT_LABELS, SEGMENTS, SEGMENT_LABELS, STAGES, STAGE_LABELS, label } from "../../i18n/labels";
import { matrixRows, npsGroupOf, ratioText } from "./model";
import { ReferralTree } from "./ReferralTree";
import { DateField } from "../../components/DateField";
import { formatDate } from "../../components/date";
import { markReady } from "../../perf";
import { labelOf } from "../../i18n/words";
import { PeopleCsvButton } from "../../components/PeopleCsv";

interface Props {
  t: (k: Key) => string;
  lang: Lang;
  asOf: string;
  maskPii: boolean;
  /** The workspace generation the figures are of (the cache's key). */
  generation: number;
  onError: (e: unknown) => void;
  /** Opens a customer's page (the key a list row carries). */
  onOpenCustomer: (key: string) => void;
}

/** A customer in a list: the name (or the key to show), opening the customer. */
function Who(p: { entry: { customer_key: string; display_key?: string; name?: string }; onOpen: (key: string) => void }) {
  const e = p.entry;
  return (
    <button type="button" class="link-btn" data-testid="open-customer" onClick={() => p.onOpen(e.customer_key)}>
      {e.name ?? e.display_key ?? e.customer_key}
    </button>
  );
}

function viewKey(asOf: string, lang: Lang, migrationFrom: string | null, maskPii: boolean): string {
  return `analysis-view ${JSON.stringify([asOf, lang, migrationFrom, maskPii])}`;
}

const RULES = "point-rules";

/** Fetch the view the analysis screens open with, so that their first visit
 *  renders at once (the app calls this while the dashboard is being read). */
export async function prefetchView(asOf: string, lang: Lang, maskPii: boolean): Promise<void> {
  await cached(viewKey(asOf, lang, null, maskPii), () => ipc.analysisView(asOf || null, lang, null, maskPii));
  await cached(RULES, () => ipc.pointRules());
}

/** The view for a screen; `screen` (the timing's name) is marked ready when it shows. */
function useView(p: Props, screen: string | null, migrationFrom: string | null = null): AnalysisView | null {
  const key = viewKey(p.asOf, p.lang, migrationFrom, p.maskPii);
  const [v, setV] = useState<AnalysisView | null>(() => kept<AnalysisView>(key) ?? null);
  useEffect(() => {
    if (v && screen) markReady(screen);
  }, [v]);
  useEffect(() => {
    let live = true;
    cached(key, () => ipc.analysisView(p.asOf || null, p.lang, migrationFrom, p.maskPii))
      .then((x) => live && setV(x))
      .catch((e) => live && p.onError(e));
    return () => {
      live = false;
    };
  }, [key, p.generation]);
  return v;
}

/** Our own SVG (never user text). */
function Chart(p: { svg: string; testid: string }) {
  return <div class="chart" data-testid={p.testid} dangerouslySetInnerHTML={{ __html: p.svg }} />;
}

function Loading(p: { t: (k: Key) => string }) {
  return <p class="placeholder">{p.t("loading")}</p>;
}

/** What an analysis screen says on a workspace without customers yet. */
function Empty(p: { t: (k: Key) => string; title: Key }) {
  return (
    <section data-testid="analysis-empty">
      <div class="toolbar"><h1>{p.t(p.title)}</h1></div>
      <div class="empty">
        <h2>{p.t("emptyTitle")}</h2>
        <p>{p.t("emptyBody")}</p>
        <p class="hint">{p.t("empty_next")}</p>
      </div>
    </section>
  );
}

export function StagesScreen(p: Props) {
  const { t, lang } = p;
  const [from, setFrom] = useState<string>("");
  const v = useView(p, "stages", from || null);
  if (!v) return <Loading t={t} />;
  if (v.report.customers === 0) return <Empty t={t} title="nav_stages" />;
  const r = v.report;
  const rows = matrixRows(v.stage_segment);
  return (
    <section data-testid="stages-screen">
      <div class="toolbar"><h1>{t("nav_stages")}</h1><span class="muted">{t("asOf")} {formatDate(r.as_of, lang)}</span></div>
      <div class="two">
        <div class="panel"><h2>{t("funnel")}</h2><Chart svg={v.charts.funnel} testid="stages-funnel" /></div>
        <div class="panel"><h2>{t("rfm_heatmap")}</h2><Chart svg={v.charts.heatmap} testid="stages-heatmap" /></div>
      </div>
      <div class="panel">
        <h2>{t("stage_flows")}</h2>
        <p class="hint">{t("stage_flows_hint")}</p>
        <Chart svg={v.charts.stage_trend} testid="stages-trend" />
        <div class="table-scroll">
          <table class="grid" data-testid="stage-flows">
            <thead><tr><th>{t("month")}</th>{STAGES.map((s) => <th class="num" key={s}>{label(STAGE_LABELS, s, lang)}</th>)}<th class="num">{t("moved_up")}</th><th class="num">{t("stalled")}</th><th class="num">{t("cooled")}</th><th class="num">{t("entered")}</th></tr></thead>
            <tbody>
              {r.stage_flows.map((f) => (
                <tr key={f.month}><td>{f.month}</td>{f.counts.map((c, i) => <td class="num" key={i}>{formatCount(c)}</td>)}<td class="num ok">{formatCount(f.moved_up)}</td><td class="num">{formatCount(f.stalled)}</td><td class="num warn">{formatCount(f.cooled)}</td><td class="num">{formatCount(f.entered)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div class="panel">
        <h2>{t("stage_segment")}</h2>
        <div class="table-scroll tall">
          <table class="grid" data-testid="stage-segment">
            <thead><tr><th>{t("segment")}</th>{STAGES.map((s) => <th class="num" key={s}>{label(STAGE_LABELS, s, lang)}</th>)}</tr></thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.segment ?? "none"}>
                  <td>{row.segment ? label(SEGMENT_LABELS, row.segment, lang) : t("no_purchase")}</td>
                  {row.cells.map((c, i) => <td class="num" key={i} title={formatYen(c.revenue)}>{c.customers ? formatCount(c.customers) : ""}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div class="panel" data-testid="f2-cohorts">
        <h2>{t("f2_cohorts")}</h2>
        <p class="hint">{t("kpi_f2_hint").replace("{w}", String(r.f2.window_days))} · {t("referred")} {formatPercent(r.f2.referred.rate)} · {t("organic")} {formatPercent(r.f2.organic.rate)}</p>
        <Chart svg={v.charts.f2_cohorts} testid="f2-chart" />
        <div class="table-scroll">
          <table class="grid">
            <thead><tr><th>{t("col_month")}</th><th class="num">{t("f2_eligible")}</th><th class="num">{t("f2_converted")}</th><th class="num">{t("kpi_f2")}</th></tr></thead>
            <tbody>
              {r.f2.cohorts.slice(-24).map((c) => (
                <tr key={c.month}>
                  <td>{c.month}</td>
                  <td class="num">{formatCount(c.eligible)}</td>
                  <td class="num">{formatCount(c.converted)}</td>
                  <td class="num">{formatPercent(c.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div class="panel">
        <h2>{t("migration")}</h2>
        <label class="as-of">{t("migration_from")} <DateField lang={lang} value={from} max={r.as_of} optional data-testid="migration-from" onChange={setFrom} /></label>
        {v.migration ? (
          <div class="table-scroll tall">
            <table class="grid" data-testid="migration">
              <thead><tr><th>{formatDate(v.migration.from, lang)} ＼ {formatDate(v.migration.to, lang)}</th>{v.migration.segments.map((s) => <th class="num" key={s}>{s === "none" ? t("no_purchase") : label(SEGMENT_LABELS, s as (typeof SEGMENTS)[number], lang)}</th>)}</tr></thead>
              <tbody>
                {v.migration.matrix.map((row, i) => (
                  <tr key={i}><th>{v.migration!.segments[i] === "none" ? t("no_purchase") : label(SEGMENT_LABELS, v.migration!.segments[i] as (typeof SEGMENTS)[number], lang)}</th>{row.map((n, j) => <td class={`num ${i === j ? "diag" : ""}`} key={j}>{n ? formatCount(n) : ""}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="hint">{t("migration_hint")}</p>
        )}
      </div>
    </section>
  );
}

export function ReferralsScreen(p: Props) {
  const { t, lang } = p;
  const [quarterly, setQuarterly] = useState(true);
  const v = useView(p, "referrals");
  if (!v) return <Loading t={t} />;
  if (v.report.customers === 0) return <Empty t={t} title="nav_referrals" />;
  const r = v.report.referrals;
  return (
    <section data-testid="referrals-screen">
      <div class="toolbar"><h1>{t("nav_referrals")}</h1></div>
      <div class="cards">
        <div class="card kpi"><div class="label">{t("kpi_referral_rate")}</div><div class="value" data-testid="referral-rate">{formatPercent(r.rate_last_quarter ?? r.rate)}</div><div class="target">{t("target")} {formatPercent(r.rate_target)}</div></div>
        <div class="card"><div class="label">{t("referred_customers")}</div><div class="value">{formatCount(r.referred_customers)}</div><div class="sub">{t("referrers_count")} {formatCount(r.referrers)} · {t("generations")} {r.max_generation}</div></div>
        <div class="card"><div class="label">{t("retention_90")}</div><div class="value">{formatPercent(r.retention.referred.rate)}</div><div class="sub">{t("organic")} {formatPercent(r.retention.organic.rate)}</div></div>
        <div class="card" data-testid="phase"><div class="label">{t("phase")}</div><div class="value">{t(`phase_${r.phase.phase}` as Key)}</div><div class="sub">{t("phase_share")} {formatPercent(r.phase.share)}</div></div>
      </div>
      <div class="panel"><p class="phase-guidance" data-testid="phase-guidance">{lang === "ja" ? v.phase_guidance.ja : v.phase_guidance.en}</p></div>
      <div class="cards">
        <div class="card" data-testid="active-split"><div class="label">{t("active_split")}</div><div class="value">{formatPercent(r.active.referred.rate)} / {formatPercent(r.active.organic.rate)}</div><div class="sub">{t("referred")} {formatCount(r.active.referred.active)}/{formatCount(r.active.referred.customers)} · {t("organic")} {formatCount(r.active.organic.active)}/{formatCount(r.active.organic.customers)}</div></div>
      </div>
      <div class="panel" data-testid="milestone-funnel">
        <h2>{t("milestones_title")}</h2>
        <p class="hint">{t("milestones_hint")}</p>
        <table class="grid">
          <thead><tr><th></th><th class="num">{t("milestones_cohort")}</th><th class="num">{labelOf(lang, "milestone", "place")}</th><th class="num">{labelOf(lang, "milestone", "role")}</th><th class="num">{labelOf(lang, "milestone", "change")}</th></tr></thead>
          <tbody>
            {([["referred", v.report.milestones.referred], ["organic", v.report.milestones.organic]] as const).map(([k, g]) => (
              <tr key={k} data-testid={`milestones-${k}`}>
                <th>{t(k)}</th>
                <td class="num">{formatCount(g.cohort)}</td>
                {[g.place, g.role, g.change].map((n, i) => (
                  <td class="num" key={i}>{g.cohort === 0 ? "–" : `${formatPercent(n / g.cohort)} (${formatCount(n)})`}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="panel" data-testid="guardians">
        <h2>{t("guardians_title")}</h2>
        <p class="hint">{t("guardians_hint")}</p>
        {v.guardians_total > v.guardians.length && (
          <p class="muted small" data-testid="guardians-more">
            {t("guardians_more").replace("{n}", formatCount(v.guardians.length)).replace("{total}", formatCount(v.guardians_total))}
          </p>
        )}
        {v.guardians.length === 0 ? (
          <p class="placeholder">{t("guardians_empty")}</p>
        ) : (
          <div class="table-scroll">
            <table class="grid">
              <thead><tr><th>{t("col_referrer")}</th><th>{t("col_newcomer")}</th><th class="num">{t("col_days")}</th><th>{t("col_milestone")}</th><th>{t("col_referrer_step")}</th></tr></thead>
              <tbody>
                {v.guardians.map((g) => (
                  <tr key={g.newcomer_key} data-testid="guardian-pair">
                    <td><button type="button" class="link-btn" onClick={() => p.onOpenCustomer(g.referrer_key)}>{g.referrer_name ?? g.referrer_display}</button></td>
                    <td><button type="button" class="link-btn" onClick={() => p.onOpenCustomer(g.newcomer_key)}>{g.newcomer_name ?? g.newcomer_display}</button></td>
                    <td class="num">{g.age_days}</td>
                    <td>{g.milestone ? labelOf(lang, "milestone", g.milestone) : t("milestone_none")}</td>
                    <td>{labelOf(lang, "action", g.referrer_step)} <span class="muted small">{formatDate(g.referrer_due, lang)}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div class="panel">
        <div class="toolbar"><h2>{t("referral_trend")}</h2>
          <div class="segmented">
            <button type="button" class={quarterly ? "on" : ""} onClick={() => setQuarterly(true)}>{t("quarterly")}</button>
            <button type="button" class={!quarterly ? "on" : ""} onClick={() => setQuarterly(false)}>{t("monthly")}</button>
          </div>
        </div>
        <Chart svg={quarterly ? v.charts.referral_trend_quarterly : v.charts.referral_trend_monthly} testid="referral-trend" />
      </div>
      <div class="panel">
        <h2>{t("active_trend")}</h2>
        <Chart svg={v.charts.active_trend} testid="active-trend" />
      </div>
      <ReferralTree t={t} lang={lang} asOf={p.asOf} maskPii={p.maskPii} onError={p.onError} onOpenCustomer={p.onOpenCustomer} />
      <div class="panel">
        <div class="toolbar">
          <h2>{t("leaderboard")}</h2>
          <PeopleCsvButton t={t} lang={lang} asOf={p.asOf} maskPii={p.maskPii} list={{ kind: "ranking" }} fileName={t("file_ranking")} testid="leaderboard-csv" onError={p.onError} />
        </div>
        <table class="grid" data-testid="leaderboard">
          <thead><tr><th>#</th><th>{t("customer")}</th><th>{t("stage")}</th><th class="num">{t("col_referral_points")}</th><th class="num">{t("col_support_points")}</th><th class="num">{t("col_heat")}</th><th>{t("quadrant")}</th></tr></thead>
          <tbody>
            {v.report.points.ranking.slice(0, 30).map((e, i) => (
              <tr key={e.customer_key}><td>{i + 1}</td><td><Who entry={e} onOpen={p.onOpenCustomer} /></td><td>{label(STAGE_LABELS, e.stage, lang)}</td><td class="num">{formatCount(e.referral_points)}</td><td class="num">{formatCount(e.support_points)}</td><td class="num">{e.heat.toFixed(1)}</td><td>{label(QUADRANT_LABELS, e.quadrant, lang)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PointsScreen(p: Props & { onChanged: () => void }) {
  const { t, lang } = p;
  const rulesReady = kept<PointRule[]>(RULES) !== undefined;
  const v = useView(p, rulesReady ? "points" : null, null);
  const [rules, setRulesState] = useState<PointRule[] | null>(kept<PointRule[]>(RULES) ?? null);
  const setRules = (r: PointRule[]) => {
    keep(RULES, r);
    setRulesState(r);
  };
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (rulesReady) return;
    ipc.pointRules().then(setRules).catch(p.onError);
  }, []);
  useEffect(() => {
    if (!rulesReady && rules && v) markReady("points");
  }, [rules, v]);
  const edit = (i: number, field: "points" | "brand_tag_bonus" | "image_bonus", value: number) => {
    if (!rules) return;
    const next = rules.map((r, j) => (j === i ? { ...r, [field]: value } : r));
    setRules(next);
    setDirty(true);
    setMessage(null);
  };
  const editMilestone = (i: number, field: "milestone" | "milestone_marked", value: string) => {
    if (!rules) return;
    const m = value === "" ? null : (value as Milestone);
    setRules(rules.map((r, j) => (j === i ? { ...r, [field]: m } : r)));
    setDirty(true);
    setMessage(null);
  };
  const save = async (restore: boolean) => {
    try {
      const saved = restore ? await ipc.restorePointRules() : await ipc.savePointRules(rules ?? []);
      setRulesState(saved);
      p.onChanged();
      setDirty(false);
      setMessage(t("rules_saved"));
    } catch (e) {
      p.onError(e);
    }
  };
  return (
    <section data-testid="points-screen">
      <div class="toolbar"><h1>{t("nav_points")}</h1></div>
      <div class="panel">
        <h2>{t("rules")}</h2>
        <p class="hint">{t("rules_hint")}</p>
        {rules && (
          <table class="grid" data-testid="rules">
            <thead><tr><th>{t("rule_kind")}</th><th>{t("rule_axis")}</th><th class="num">{t("rule_points")}</th><th class="num">{t("rule_brand_tag")}</th><th class="num">{t("rule_image")}</th><th>{t("rule_milestone")}</th><th>{t("rule_milestone_marked")}</th><th>{t("rule_meaning")}</th></tr></thead>
            <tbody>
              {rules.map((r, i) => (
                <tr key={r.kind}>
                  <td>{lang === "ja" ? r.label_ja : r.label_en}</td>
                  <td>{r.axis === "referral" ? t("col_referral_points") : t("col_support_points")}</td>
                  {(["points", "brand_tag_bonus", "image_bonus"] as const).map((f) => (
                    <td class="num" key={f}><input class="num-input" type="number" min={0} value={r[f]} data-testid={`rule-${r.kind}-${f}`} onInput={(e) => edit(i, f, Number((e.target as HTMLInputElement).value))} /></td>
                  ))}
                  {(["milestone", "milestone_marked"] as const).map((f) => (
                    <td key={f}>
                      <select value={r[f] ?? ""} data-testid={`rule-${r.kind}-${f}`} aria-label={t(f === "milestone" ? "rule_milestone" : "rule_milestone_marked")} onChange={(e) => editMilestone(i, f, (e.target as HTMLSelectElement).value)}>
                        <option value="">—</option>
                        {MILESTONES.map((m) => <option value={m} key={m}>{labelOf(lang, "milestone", m)}</option>)}
                      </select>
                    </td>
                  ))}
                  <td class="wrap small">{lang === "ja" ? r.meaning_ja : r.meaning_en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div class="actions-row">
          <button type="button" class="primary" disabled={!dirty} onClick={() => void save(false)} data-testid="rules-save">{t("rules_save")}</button>
          <button type="button" onClick={() => void save(true)}>{t("playbook_restore")}</button>
          {message && <span class="muted" data-testid="rules-message">{message}</span>}
        </div>
      </div>
      {!v ? <Loading t={t} /> : (
        <>
          <div class="cards">
            <div class="card"><div class="label">{t("col_referral_points")}</div><div class="value" data-testid="total-referral-points">{formatCount(v.report.points.referral_points)}</div></div>
            <div class="card"><div class="label">{t("col_support_points")}</div><div class="value" data-testid="total-support-points">{formatCount(v.report.points.support_points)}</div></div>
          </div>
          <div class="two">
            <div class="panel"><h2>{t("quadrant")}</h2><Chart svg={v.charts.quadrant} testid="quadrant-chart" />
              <table class="grid"><tbody>{v.report.points.quadrants.map(([q, n]) => <tr key={q}><td>{label(QUADRANT_LABELS, q, lang)}</td><td class="num">{formatCount(n)}</td></tr>)}</tbody></table>
            </div>
            <div class="panel"><h2>{t("badge")}</h2>
              <table class="grid" data-testid="badges"><tbody>{v.report.points.badges.map(([b, n]) => <tr key={b}><td><span class="badge pill">{label(BADGE_LABELS, b, lang)}</span></td><td class="num">{formatCount(n)}</td></tr>)}</tbody></table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

export function NpsScreen(p: Props) {
  const { t } = p;
  const [quarterly, setQuarterly] = useState(false);
  const [group, setGroup] = useState<string>("");
  const [comments, setComments] = useState<NpsCommentPage | null>(null);
  const v = useView(p, "nps");
  useEffect(() => {
    let live = true;
    ipc
      .npsComments(p.asOf || null, (group || null) as NpsGroup | null, 200, p.maskPii)
      .then((c) => live && setComments(c))
      .catch((e) => live && p.onError(e));
    return () => {
      live = false;
    };
  }, [p.asOf, group, p.maskPii]);
  if (!v) return <Loading t={t} />;
  if (v.report.customers === 0) return <Empty t={t} title="nav_nps" />;
  const n = v.report.nps;
  const periods = quarterly ? n.quarterly : n.monthly;
  const shown = comments?.comments ?? [];
  return (
    <section data-testid="nps-screen">
      <div class="toolbar"><h1>NPS</h1></div>
      <div class="cards">
        <div class="card"><div class="label">NPS ({n.latest_quarter?.period ?? t("all_time")})</div><div class="value" data-testid="nps-value">{(n.latest_quarter ?? n.overall).nps?.toFixed(1) ?? "–"}</div><div class="target">± {(n.latest_quarter ?? n.overall).margin?.toFixed(1) ?? "–"} (95%)</div></div>
        <div class="card"><div class="label">{t("nps_ltv_ratio")}</div><div class="value">{ratioText(n.ltv.ratio)}</div><div class="sub">{n.ltv.promoter_mean_ltv !== null && n.ltv.detractor_mean_ltv !== null ? `${formatYen(n.ltv.promoter_mean_ltv)} ÷ ${formatYen(n.ltv.detractor_mean_ltv)}` : t("nps_ltv_missing")}</div></div>
      </div>
      <div class="panel">
        <div class="toolbar"><h2>{t("nps_trend")}</h2>
          <div class="segmented">
            <button type="button" class={!quarterly ? "on" : ""} onClick={() => setQuarterly(false)}>{t("monthly")}</button>
            <button type="button" class={quarterly ? "on" : ""} onClick={() => setQuarterly(true)} data-testid="nps-quarterly">{t("quarterly")}</button>
          </div>
        </div>
        <p class="hint">{t("nps_margin_hint")}</p>
        <Chart svg={quarterly ? v.charts.nps_trend_quarterly : v.charts.nps_trend_monthly} testid="nps-trend" />
        <div class="table-scroll">
          <table class="grid" data-testid="nps-periods">
            <thead><tr><th>{t("month")}</th><th class="num">{t("responses")}</th><th class="num">{t("nps_promoter")}</th><th class="num">{t("nps_passive")}</th><th class="num">{t("nps_detractor")}</th><th class="num">NPS</th><th class="num">±</th></tr></thead>
            <tbody>{periods.slice().reverse().map((x) => <tr key={x.period}><td>{x.period}</td><td class="num">{formatCount(x.responses)}</td><td class="num">{formatCount(x.promoters)}</td><td class="num">{formatCount(x.passives)}</td><td class="num">{formatCount(x.detractors)}</td><td class="num">{x.nps?.toFixed(1) ?? "–"}</td><td class="num">{x.margin?.toFixed(1) ?? "–"}</td></tr>)}</tbody>
          </table>
        </div>
      </div>
      <div class="two">
        <div class="panel"><h2>{t("nps_distribution")}</h2><Chart svg={v.charts.nps_distribution} testid="nps-distribution" /></div>
        <div class="panel">
          <div class="toolbar">
            <h2>{t("nps_comments")}</h2>
            <PeopleCsvButton t={t} lang={p.lang} asOf={p.asOf} maskPii={p.maskPii} list={{ kind: "nps_comments", group: (group || null) as NpsGroup | null }} fileName={t("file_nps_comments")} testid="nps-comments-csv" onError={p.onError} />
          </div>
          <div class="segmented">
            {["", "promoter", "passive", "detractor"].map((g) => (
              <button type="button" key={g} class={group === g ? "on" : ""} data-testid={`nps-group-${g || "all"}`} onClick={() => setGroup(g)}>{g ? t(`nps_${g}` as Key) : t("all")}</button>
            ))}
          </div>
          <ul class="timeline" data-testid="nps-comments">
            {shown.map((c, i) => (
              <li key={i}><span class="num muted">{formatDate(c.answered_on, p.lang)}</span> <b class={`g-${npsGroupOf(c.score)}`}>{c.score}</b> {c.customer_key !== null ? <Who entry={{ customer_key: c.customer_key, display_key: c.display_key, name: c.name }} onOpen={p.onOpenCustomer} /> : <span class="muted small">{t("anonymous")}</span>} {c.comment}</li>
            ))}
          </ul>
          <p class="muted small" data-testid="nps-comment-count">{formatCount(comments?.total ?? 0)} {t("nps_comments_count")}</p>
        </div>
      </div>
    </section>
  );
}

export function PredictionScreen(p: Props) {
  const { t, lang } = p;
  const v = useView(p, "prediction");
  if (!v) return <Loading t={t} />;
  if (v.report.customers === 0) return <Empty t={t} title="nav_prediction" />;
  const c = v.report.clv;
  return (
    <section data-testid="prediction-screen">
      <div class="toolbar"><h1>{t("nav_prediction")}</h1></div>
      <div class="cards">
        <div class="card"><div class="label">{t("expected_orders")} (90{t("days")})</div><div class="value">{c.expected_orders_90 === null ? "–" : formatCount(c.expected_orders_90)}</div></div>
        <div class="card"><div class="label">{t("expected_orders")} (365{t("days")})</div><div class="value">{c.expected_orders_365 === null ? "–" : formatCount(c.expected_orders_365)}</div></div>
        <div class="card"><div class="label">{t("kpi_clv")}</div><FitValue full={c.predicted_clv_365 === null ? "–" : formatYen(c.predicted_clv_365)} short={c.predicted_clv_365 === null ? undefined : formatYenCompact(c.predicted_clv_365, lang)} /></div>
        <div class="card"><div class="label">{t("churn_risk")}</div><div class="value" data-testid="churn-count">{formatCount(c.churn_risk_count)}</div></div>
      </div>
      <div class="panel" data-testid="fit-note">
        <h2>{t("fit_trust")}</h2>
        <p>{c.fitted ? t("fit_note").replace("{n}", formatCount(c.customers)).replace("{r}", formatCount(c.repeat_buyers)) : (c.message ?? t("fit_none"))}</p>
        {c.bgnbd && <p class="muted small">BG/NBD r {c.bgnbd.r.toFixed(3)} · α {c.bgnbd.alpha.toFixed(2)} · a {c.bgnbd.a.toFixed(3)} · b {c.bgnbd.b.toFixed(3)}{c.gamma_gamma ? ` · Gamma-Gamma p ${c.gamma_gamma.p.toFixed(2)} q ${c.gamma_gamma.q.toFixed(2)} v ${c.gamma_gamma.v.toFixed(1)}` : ""}</p>}
      </div>
      <div class="panel">
        <div class="toolbar">
          <h2>{t("churn_risk")}</h2>
          <PeopleCsvButton t={t} lang={lang} asOf={p.asOf} maskPii={p.maskPii} list={{ kind: "churn" }} fileName={t("file_churn")} testid="churn-csv" onError={p.onError} />
        </div>
        <p class="hint">{t("churn_hint")}</p>
        <table class="grid" data-testid="churn-list">
          <thead><tr><th>{t("customer")}</th><th>{t("stage")}</th><th class="num">{t("col_monetary")}</th><th class="num">{t("col_p_alive")}</th><th class="num">{t("expected_orders")} (365{t("days")})</th></tr></thead>
          <tbody>{c.churn_risk.slice(0, 100).map((x) => <tr key={x.customer_key}><td><Who entry={x} onOpen={p.onOpenCustomer} /></td><td>{label(STAGE_LABELS, x.stage, lang)}</td><td class="num">{formatYen(x.monetary)}</td><td class="num">{formatPercent(x.p_alive)}</td><td class="num">{x.expected_orders_365.toFixed(2)}</td></tr>)}</tbody>
        </table>
        {c.churn_risk_count > c.churn_risk.length && <p class="muted small" data-testid="churn-shown">{t("list_shown_of").replace("{shown}", formatCount(c.churn_risk.length)).replace("{n}", formatCount(c.churn_risk_count))}</p>}
      </div>
      <div class="panel"><h2>{t("cohorts")}</h2><Chart svg={v.charts.cohorts} testid="cohorts" /></div>
    </section>
  );
}
