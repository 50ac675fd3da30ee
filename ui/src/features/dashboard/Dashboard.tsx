import type { Dashboard, Stage } from "../../ipc/bindings";
import { formatCount, formatPercent, formatYen, type Key } from "../../i18n";
import { stageRows } from "./funnel";

export function DashboardView(p: {
  t: (k: Key) => string;
  data: Dashboard;
  asOf: string;
  onAsOf: (v: string) => void;
  onImport: () => void;
}) {
  const { t, data } = p;
  const s = data.summary;
  const rows = stageRows(s.stages, data.conversions);
  return (
    <section class="dashboard" data-testid="dashboard">
      <div class="toolbar">
        <h1>{t("dashboard")}</h1>
        <label class="as-of">
          {t("asOf")}
          <input
            type="date"
            value={p.asOf || s.as_of}
            data-testid="as-of"
            onChange={(e) => p.onAsOf((e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      {s.orders === 0 && s.customers === 0 ? (
        <div class="empty" data-testid="empty-state">
          <h2>{t("emptyTitle")}</h2>
          <p>{t("emptyBody")}</p>
          <button type="button" class="primary" onClick={p.onImport} data-testid="empty-import">
            {t("nav_import")}
          </button>
        </div>
      ) : null}
      <div class="cards">
        <div class="card" data-testid="kpi-customers">
          <div class="label">{t("customers")}</div>
          <div class="value">{formatCount(s.customers)}</div>
        </div>
        <div class="card" data-testid="kpi-orders">
          <div class="label">{t("orders")}</div>
          <div class="value">{formatCount(s.orders)}</div>
        </div>
        <div class="card" data-testid="kpi-revenue">
          <div class="label">{t("revenue")}</div>
          <div class="value">{formatYen(s.revenue)}</div>
          {s.anonymous_revenue !== 0 && (
            <div class="sub">
              {t("anonymousRevenue")} {formatYen(s.anonymous_revenue)}
            </div>
          )}
        </div>
      </div>
      <div class="panel">
        <h2>{t("funnel")}</h2>
        <p class="hint">{t("funnelHint")}</p>
        {/* The SVG is drawn by our own Rust code (plotters), never from user text. */}
        <div class="chart" data-testid="funnel-chart" dangerouslySetInnerHTML={{ __html: data.funnel_svg }} />
        <table class="funnel-table" data-testid="funnel-table">
          <tbody>
            {rows.map((r) => (
              <tr key={r.stage}>
                <th>{t(`stage_${r.stage}` as Key)}</th>
                <td class="num" data-testid={`stage-count-${r.stage}`}>
                  {formatCount(r.count)}
                  {t("people")}
                </td>
                <td class="num">{formatPercent(r.share)}</td>
                <td class="num muted">{r.conversion === undefined ? "" : `→ ${formatPercent(r.conversion)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export type { Stage };
