import type { Dashboard } from "../../ipc/bindings";
import { formatCount, formatPercent, formatYen, formatYenCompact, type Key, type Lang } from "../../i18n";
import { STAGE_LABELS, label } from "../../i18n/labels";
import { DateField } from "../../components/DateField";
import { FitValue } from "../../components/FitValue";
import { delta, firstSteps, stageRows, standing, type Delta, type Standing } from "./funnel";
import { useEffect, useState } from "preact/hooks";
import { ipc, type PreviousMonth } from "../../ipc";

interface Props {
  t: (k: Key) => string;
  lang: Lang;
  data: Dashboard;
  asOf: string;
  onAsOf: (v: string) => void;
  onImport: () => void;
  /** Opens the screen behind a card. */
  onNavigate: (screen: "customers" | "stages" | "referrals" | "nps" | "prediction" | "plan") => void;
}

/** A KPI card; `short`: the figure in fewer characters (¥5,254万), shown
 *  when the full one does not fit the card. */
function Kpi(p: { id: string; label: string; value: string; short?: string; sub?: string; target?: string; help?: string; state?: Standing | "missing"; onOpen?: () => void; delta?: Delta | null; deltaLabel?: string }) {
  return (
    <div
      class={`card kpi ${p.state ?? ""} ${p.onOpen ? "link" : ""}`}
      data-testid={`kpi-${p.id}`}
      role={p.onOpen ? "link" : undefined}
      tabIndex={p.onOpen ? 0 : undefined}
      onClick={p.onOpen}
      onKeyDown={(e) => e.key === "Enter" && p.onOpen?.()}
    >
      <div class="label">
        {p.label}
        {p.help && (
          <span class="help" title={p.help} aria-label={p.help} role="note" tabIndex={0} data-testid={`kpi-help-${p.id}`} onClick={(e) => e.stopPropagation()}>
            ?
          </span>
        )}
      </div>
      <FitValue full={p.value} short={p.short} />
      {p.delta && (
        <div class={`delta ${p.delta.direction}`} data-testid={`kpi-delta-${p.id}`}>
          {p.deltaLabel} {p.delta.text}
        </div>
      )}
      {p.target && <div class="target">{p.target}</div>}
      {p.sub && <div class="sub">{p.sub}</div>}
    </div>
  );
}

export function DashboardView(p: Props) {
  const { t, data } = p;
  const r = data.report;
  const rows = stageRows(r.funnel);
  const refRate = r.referrals.rate_last_quarter ?? r.referrals.rate;
  const nps = r.nps.latest_quarter ?? r.nps.overall;
  const c = r.community;
  // 前月比: the same KPIs a month before, asked for once the dashboard shows.
  const [prev, setPrev] = useState<PreviousMonth | null>(null);
  useEffect(() => {
    let live = true;
    setPrev(null);
    if (r.orders === 0) return;
    ipc
      .previousMonth(p.asOf || null)
      .then((x) => live && setPrev(x))
      .catch(() => live && setPrev(null));
    return () => {
      live = false;
    };
  }, [data.generation, p.asOf]);
  const b = prev?.report;
  const mom = t("kpi_mom").replace("{date}", prev?.as_of ?? "");
  const bNps = b ? (b.nps.latest_quarter ?? b.nps.overall) : null;
  return (
    <section class="dashboard" data-testid="dashboard">
      <div class="toolbar">
        <h1>{t("dashboard")}</h1>
        <label class="as-of">
          {t("asOf")}
          <DateField lang={p.lang} value={p.asOf || r.as_of} data-testid="as-of" onChange={p.onAsOf} />
        </label>
      </div>
      {r.orders === 0 && r.customers === 0 ? (
        <div class="empty" data-testid="empty-state">
          <h2>{t("emptyTitle")}</h2>
          <p>{t("emptyBody")}</p>
          <button type="button" class="primary" onClick={p.onImport} data-testid="empty-import">
            {t("nav_import")}
          </button>
        </div>
      ) : null}
      <FirstSteps t={t} report={r} onImport={p.onImport} onPlan={() => p.onNavigate("plan")} />
      <div class="cards">
        <Kpi id="customers" help={t("help_customers")} label={t("customers")} value={formatCount(r.customers)} onOpen={() => p.onNavigate("customers")} delta={b && delta(r.customers, b.customers, "count")} deltaLabel={mom} />
        <Kpi id="orders" help={t("help_orders")} label={t("orders")} value={formatCount(r.orders)} delta={b && delta(r.orders, b.orders, "count")} deltaLabel={mom} />
        <Kpi
          id="revenue"
          help={t("help_revenue")}
          label={t("revenue")}
          value={formatYen(r.revenue)}
          short={formatYenCompact(r.revenue, p.lang)}
          delta={b && delta(r.revenue, b.revenue, "yen")}
          deltaLabel={mom}
          sub={r.anonymous_revenue !== 0 ? `${t("anonymousRevenue")} ${formatYen(r.anonymous_revenue)}` : undefined}
        />
      </div>
      <div class="cards kpis">
        {r.customers > 0 && r.referrals.referred_customers === 0 ? (
          // No referral anywhere in the data: not a 0 % result but a missing
          // source (a member list's 紹介者 column, referral codes).
          <Kpi
            id="referral-rate"
            help={t("help_referral_rate")}
            onOpen={p.onImport}
            label={t("kpi_referral_rate")}
            value="—"
            target={`${t("target")} ${formatPercent(r.referrals.rate_target)}`}
            sub={t("kpi_referral_missing")}
            state="missing"
          />
        ) : (
          <Kpi
            id="referral-rate"
            help={t("help_referral_rate")}
            onOpen={() => p.onNavigate("referrals")}
            label={t("kpi_referral_rate")}
            value={formatPercent(refRate)}
            target={`${t("target")} ${formatPercent(r.referrals.rate_target)}`}
            sub={t("kpi_referral_rate_hint")}
            state={standing(refRate, r.referrals.rate_target)}
            delta={b && delta(refRate, b.referrals.rate_last_quarter ?? b.referrals.rate, "share")}
            deltaLabel={mom}
          />
        )}
        <Kpi
          id="active-rate"
          help={t("help_active_rate").replace("{w}", String(r.referrals.active.window_days))}
          onOpen={() => p.onNavigate("referrals")}
          label={t("kpi_active_rate")}
          value={formatPercent(r.referrals.active.rate)}
          target={`${t("target")} ${formatPercent(r.referrals.active.target)}`}
          sub={`${formatCount(r.referrals.active.active)} / ${formatCount(r.referrals.active.customers)} · ${t("referred")} ${formatPercent(r.referrals.active.referred.rate)} · ${t("organic")} ${formatPercent(r.referrals.active.organic.rate)}`}
          state={standing(r.referrals.active.rate, r.referrals.active.target)}
          delta={b && delta(r.referrals.active.rate, b.referrals.active.rate, "share")}
          deltaLabel={mom}
        />
        <Kpi
          id="f2"
          help={t("kpi_f2_hint").replace("{w}", String(r.f2.window_days))}
          onOpen={() => p.onNavigate("stages")}
          label={t("kpi_f2")}
          value={formatPercent(r.f2.rate)}
          delta={b && delta(r.f2.rate, b.f2.rate, "share")}
          deltaLabel={mom}
          target={`${t("referred")} ${formatPercent(r.f2.referred.rate)} · ${t("organic")} ${formatPercent(r.f2.organic.rate)}`}
          sub={`${formatCount(r.f2.converted)} / ${formatCount(r.f2.eligible)} · ${t("kpi_f2_short").replace("{w}", String(r.f2.window_days))}`}
        />
        <Kpi
          id="nps"
          help={t("help_nps")}
          onOpen={() => p.onNavigate("nps")}
          label={`NPS (${nps.period === "all" ? t("all_time") : nps.period})`}
          value={nps.nps === null ? "–" : nps.nps.toFixed(1)}
          delta={bNps && delta(nps.nps, bNps.nps, "score")}
          deltaLabel={mom}
          target={nps.margin === null ? undefined : `± ${nps.margin.toFixed(1)} (95%)`}
          sub={`${t("responses")} ${formatCount(nps.responses)}`}
        />
        <Kpi
          id="ltv-bar"
          help={t("help_ltv_bar")}
          onOpen={() => p.onNavigate("prediction")}
          label={t("kpi_ltv_bar")}
          value={formatPercent(r.ltv.share)}
          delta={b && delta(r.ltv.share, b.ltv.share, "share")}
          deltaLabel={mom}
          sub={`${t("average_ltv")} ${r.ltv.average === null ? "–" : formatYen(r.ltv.average)}`}
        />
        <Kpi
          id="clv"
          help={t("help_clv")}
          onOpen={() => p.onNavigate("prediction")}
          label={t("kpi_clv")}
          value={r.clv.predicted_clv_365 === null ? "–" : formatYen(r.clv.predicted_clv_365)}
          short={r.clv.predicted_clv_365 === null ? undefined : formatYenCompact(r.clv.predicted_clv_365, p.lang)}
          sub={r.clv.fitted ? `${t("expected_orders")} ${formatCount(r.clv.expected_orders_365 ?? 0)}` : (r.clv.message ?? "")}
        />
      </div>
      <div class="panel">
        <h2>
          <button type="button" class="link-btn" onClick={() => p.onNavigate("stages")} data-testid="funnel-link">
            {t("funnel")}
          </button>
        </h2>
        <p class="hint">{t("funnelHint")}</p>
        {/* The SVG is drawn by our own Rust code (plotters), never from user text. */}
        <div class="chart" data-testid="funnel-chart" dangerouslySetInnerHTML={{ __html: data.funnel_svg }} />
        <table class="funnel-table" data-testid="funnel-table">
          <tbody>
            {rows.map((row) => (
              <tr key={row.stage}>
                <th>{label(STAGE_LABELS, row.stage, p.lang)}</th>
                <td class="num" data-testid={`stage-count-${row.stage}`}>
                  {formatCount(row.count)}
                  {t("people")}
                </td>
                <td class="num">{formatPercent(row.share)}</td>
                <td class="num">{formatYen(row.revenue)}</td>
                <td class="num muted">{row.conversion === undefined ? "" : row.count === 0 ? "→ –" : `→ ${formatPercent(row.conversion)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="panel" data-testid="community">
        <h2>{t("community")}</h2>
        <div class="three">
          <div>
            <h3>{t("community_number")}</h3>
            <div class="value">{formatCount(c.fans)}{t("people")}</div>
            <p class="hint">{t("community_number_hint")}</p>
          </div>
          <div>
            <h3>{t("community_quality")}</h3>
            <div class="value">{formatPercent(c.fans_promoter_share)}</div>
            <p class="muted small" data-testid="quality-n">{t("quality_n_of").replace("{n}", formatCount(c.fans_answered)).replace("{fans}", formatCount(c.fans))}</p>
            <p class="hint">{t("community_quality_hint")} {formatPercent(c.referred_by_fans_retention)}</p>
          </div>
          <div>
            <h3>{t("community_depth")}</h3>
            <div class="value">{formatPercent(c.depth_share)}</div>
            <p class="hint">{t("community_depth_hint")} {c.events_per_active === null ? "–" : c.events_per_active.toFixed(2)}</p>
          </div>
        </div>
      </div>
    </section>
  );
}

/** はじめにやること: what a new shop imports, in order, ticked off as the data
 *  arrives; gone once everything the analysis reads is there. */
function FirstSteps(p: { t: (k: Key) => string; report: Dashboard["report"]; onImport: () => void; onPlan: () => void }) {
  const { t, report: r } = p;
  const steps = firstSteps(r);
  if (steps.every((x) => x.done)) return null;
  return (
    <div class="panel first-steps" data-testid="first-steps">
      <h2>{t("first_steps")}</h2>
      <ol>
        {steps.map((x) => (
          <li key={x.key} class={x.done ? "done" : ""} data-testid={`first-step-${x.key}`} data-done={x.done ? "yes" : "no"}>
            <span class="tick" aria-hidden="true">{x.done ? "✓" : ""}</span>
            <span>{t(`first_step_${x.key}` as Key)}</span>
            {!x.done && x.key !== "plan" && (
              <button type="button" class="link-btn" onClick={p.onImport}>{t("nav_import")}</button>
            )}
            {x.key === "plan" && (
              <button type="button" class="link-btn" onClick={p.onPlan}>{t("nav_plan")}</button>
            )}
          </li>
        ))}
      </ol>
      <p class="hint">{t("first_steps_hint")}</p>
    </div>
  );
}
