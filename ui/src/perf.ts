// The app's own timings, for the benchmark (bench/app.sh reads them through
// WebDriver): when the dashboard first became interactive, and how long each
// screen switch took from the click to the screen showing its data.

export interface Timings {
  /** ms from the start of the page to the first dashboard with figures. */
  dashboard_ms: number | null;
  /** `ms`: click to the frame after the screen showed its data; `commit_ms`:
   *  click to the screen's data being in the DOM (the rest is style, layout and paint). */
  switches: { screen: string; ms: number; commit_ms: number }[];
}

declare global {
  interface Window {
    __horetsu?: Timings;
  }
}

function timings(): Timings {
  window.__horetsu ??= { dashboard_ms: null, switches: [] };
  return window.__horetsu;
}

let pending: { screen: string; at: number } | null = null;

/** The dashboard is on screen with its figures (the first time counts). */
export function markDashboard(): void {
  const t = timings();
  if (t.dashboard_ms === null) requestAnimationFrame(() => (t.dashboard_ms = performance.now()));
}

/** The user asked for another screen. */
export function markSwitch(screen: string): void {
  pending = { screen, at: performance.now() };
}

/** A screen shows its data (after the next paint). */
export function markReady(screen: string): void {
  const p = pending;
  if (!p || p.screen !== screen) return;
  pending = null;
  const commit = performance.now() - p.at;
  requestAnimationFrame(() => timings().switches.push({ screen, ms: performance.now() - p.at, commit_ms: commit }));
}
