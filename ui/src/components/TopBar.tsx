import { useRef, useState } from "preact/hooks";
import { useDismiss } from "./dismiss";
import type { WorkspaceInfo } from "../ipc/bindings";
import type { Key, Lang } from "../i18n";

export interface TopBarProps {
  t: (k: Key) => string;
  lang: Lang;
  info: WorkspaceInfo | null;
  path: string | null;
  recent: string[];
  onNew: () => void;
  onOpen: () => void;
  onOpenRecent: (path: string) => void;
  onLanguage: (lang: Lang) => void;
  maskPii: boolean;
  onMaskPii: (on: boolean) => void;
  onPresentation: () => void;
}

/** The file name of a path, for menus. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function TopBar(p: TopBarProps) {
  const [menu, setMenu] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  useDismiss(menu, menuRef, () => setMenu(false));
  return (
    <header class="topbar">
      <div class="brand">
        <span class="logo" aria-hidden="true">惚</span>
        <span class="shop" data-testid="workspace-name" title={p.path ?? ""}>
          {p.info?.name ?? p.t("appName")}
        </span>
        {p.info?.is_demo && (
          <span class="badge demo" data-testid="demo-badge">
            {p.t("demoBadge")}
          </span>
        )}
      </div>
      <nav class="actions">
        <button type="button" onClick={p.onNew} data-testid="new-workspace">
          {p.t("newWorkspace")}
        </button>
        <button type="button" onClick={p.onOpen} data-testid="open-workspace">
          {p.t("openWorkspace")}
        </button>
        <div class="menu" ref={menuRef}>
          <button type="button" aria-expanded={menu} onClick={() => setMenu(!menu)} data-testid="recent-button">
            {p.t("recent")} ▾
          </button>
          {menu && (
            <ul class="menu-list" role="menu" data-testid="recent-menu">
              {p.recent.length === 0 && <li class="muted">{p.t("noRecent")}</li>}
              {p.recent.map((path) => (
                <li key={path} role="menuitem">
                  <button
                    type="button"
                    title={path}
                    onClick={() => {
                      setMenu(false);
                      p.onOpenRecent(path);
                    }}
                  >
                    {fileName(path)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="button" onClick={p.onPresentation} title="F11 / Ctrl+Shift+P" data-testid="presentation">
          {p.t("presentation")}
        </button>
        <label class={`mask-switch ${p.maskPii ? "on" : ""}`} title={p.t("mask_pii_hint")}>
          <input type="checkbox" checked={p.maskPii} data-testid="mask-pii" onChange={(e) => p.onMaskPii((e.target as HTMLInputElement).checked)} />
          {p.t("mask_pii")}
        </label>
        <div class="lang-switch" role="group" aria-label={p.t("language")}>
          {(["ja", "en"] as const).map((l) => (
            <button
              type="button"
              key={l}
              class={p.lang === l ? "on" : ""}
              aria-pressed={p.lang === l}
              data-testid={`lang-${l}`}
              onClick={() => p.lang !== l && p.onLanguage(l)}
            >
              {l === "ja" ? "日本語" : "English"}
            </button>
          ))}
        </div>
      </nav>
    </header>
  );
}
