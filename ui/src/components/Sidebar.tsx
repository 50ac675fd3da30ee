import type { Key } from "../i18n";

/** The screens, in menu order (Ctrl/⌘ + 1… follows this order). */
export const SCREENS = ["home", "customers", "stages", "referrals", "points", "nps", "prediction", "plan", "effect", "import", "settings"] as const;
export type Screen = (typeof SCREENS)[number];

export function Sidebar(p: { t: (k: Key) => string; screen: Screen; onScreen: (s: Screen) => void }) {
  return (
    <nav class="sidebar" aria-label="screens">
      {SCREENS.map((s, i) => (
        <button
          type="button"
          key={s}
          class={p.screen === s ? "on" : ""}
          aria-current={p.screen === s ? "page" : undefined}
          data-testid={`nav-${s}`}
          title={i < 9 ? `Ctrl+${i + 1}` : s === "settings" ? "Ctrl+0" : undefined}
          onClick={() => p.onScreen(s)}
        >
          {p.t(`nav_${s}` as Key)}
        </button>
      ))}
    </nav>
  );
}
