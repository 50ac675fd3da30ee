import type { Key } from "../i18n";

/** The screens, in menu order (Ctrl/⌘ + 1… follows this order). */
export const SCREENS = ["home", "customers", "plan", "import"] as const;
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
          title={`Ctrl+${i + 1}`}
          onClick={() => p.onScreen(s)}
        >
          {p.t(`nav_${s}` as Key)}
        </button>
      ))}
    </nav>
  );
}
