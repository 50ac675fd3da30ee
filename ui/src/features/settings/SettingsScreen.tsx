// 設定: every threshold and target of domain.md, the language, the masking
// default, and the workspace file (location, backup, a copy for the client).
import { SavedNote } from "../../components/Saved";
import { useEffect, useState } from "preact/hooks";
import { chooseSavePath } from "../../components/saveFile";
import { ipc, type Settings } from "../../ipc";
import type { Key, Lang } from "../../i18n";
import { problem, settingFields, setField, shown, stored, type SettingField } from "./model";
import { markReady } from "../../perf";

interface Props {
  t: (k: Key) => string;
  lang: Lang;
  path: string;
  maskDefault: boolean;
  onLanguage: (l: Lang) => void;
  onMaskDefault: (on: boolean) => void;
  onChanged: () => void;
  onError: (e: unknown) => void;
}

export function SettingsScreen(p: Props) {
  const { t } = p;
  const [s, setS] = useState<Settings | null>(null);
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  // What was typed where it cannot be saved, by field: the text stays as
  // typed and the reason shows under it.
  const [bad, setBad] = useState<Record<string, { text: string; why: string }>>({});
  useEffect(() => {
    ipc
      .settings()
      .then((x) => {
        setS(x);
        markReady("settings");
      })
      .catch((e) => p.onError(e));
  }, []);

  const apply = async (job: () => Promise<Settings>, done: Key) => {
    try {
      setS(await job());
      setDirty(false);
      setBad({});
      setMessage(t(done));
      p.onChanged();
    } catch (e) {
      p.onError(e);
    }
  };

  const copy = async (kind: "backup" | "client") => {
    const base = p.path.split(/[\\/]/).pop()?.replace(/\.horetsu$/, "") ?? "shop";
    const stamp = new Date().toISOString().slice(0, 10);
    const target = await chooseSavePath(`${base}-${kind === "backup" ? t("backup_suffix") : t("client_suffix")}-${stamp}.horetsu`, t("dialogFilter"), "horetsu");
    if (!target) return;
    try {
      await ipc.saveWorkspaceCopy(target.path, target.replace);
      setMessage(null);
      setCopied(target.path);
    } catch (e) {
      p.onError(e);
    }
  };

  // The labels name yen and days; a share and a multiple say theirs beside the box.
  const UNIT: Record<SettingField["unit"], Key | null> = { percent: null, yen: null, days: null, count: null, ratio: "unit_times", score: null };
  const field = (f: SettingField) => {
    const wrong = bad[f.path];
    const unit = f.unit === "percent" ? "%" : UNIT[f.unit] ? t(UNIT[f.unit]!) : "";
    return (
      <label key={f.path} class={`setting${wrong ? " invalid" : ""}`}>
        <span>{t(f.label)}</span>
        <span class="setting-input">
          <input
            type="number"
            step={f.step}
            min={f.min}
            max={f.max}
            value={wrong ? wrong.text : shown(f, s!)}
            aria-invalid={wrong ? "true" : "false"}
            data-testid={`setting-${f.path}`}
            onInput={(e) => {
              const text = (e.target as HTMLInputElement).value;
              const typed = text.trim() === "" ? NaN : Number(text);
              const why = problem(f, typed, t);
              setMessage(null);
              setDirty(true);
              if (why) {
                setBad((b) => ({ ...b, [f.path]: { text, why } }));
                return;
              }
              setBad((b) => {
                const next = { ...b };
                delete next[f.path];
                return next;
              });
              setS(setField(s!, f.path, stored(f, typed)));
            }}
          />
          {unit && <span class="muted">{unit}</span>}
        </span>
        {wrong ? <span class="setting-error" data-testid={`setting-error-${f.path}`}>{wrong.why}</span> : <span class="setting-hint">{t(f.hint)}</span>}
      </label>
    );
  };

  return (
    <section data-testid="settings-screen">
      <div class="toolbar"><h1>{t("nav_settings")}</h1></div>
      <div class="panel">
        <h2>{t("settings_general")}</h2>
        <div class="options-row">
          <label>
            {t("language")}
            <select value={p.lang} data-testid="settings-language" onChange={(e) => p.onLanguage((e.target as HTMLSelectElement).value as Lang)}>
              <option value="ja">日本語</option>
              <option value="en">English</option>
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={p.maskDefault} data-testid="settings-mask-default" onChange={(e) => p.onMaskDefault((e.target as HTMLInputElement).checked)} />
            {t("mask_default")}
          </label>
        </div>
      </div>
      <div class="panel">
        <h2>{t("settings_workspace")}</h2>
        <p class="mono" data-testid="settings-path">{p.path}</p>
        <div class="actions-row">
          <button type="button" onClick={() => void copy("backup")} data-testid="settings-backup">{t("backup")}</button>
          <button type="button" onClick={() => void copy("client")}>{t("client_copy")}</button>
          {copied && <SavedNote t={t} path={copied} testid="settings-copied" onError={p.onError} />}
        </div>
        <p class="hint">{t("backup_hint")}</p>
      </div>
      {s && (
        <div class="panel">
          <h2>{t("settings_thresholds")}</h2>
          <p class="hint">{t("settings_thresholds_hint")}</p>
          {settingFields().map((group) => (
            <div key={group.title}>
              <h3>{t(group.title)}</h3>
              <div class="settings-grid">{group.fields.map(field)}</div>
            </div>
          ))}
          <div class="actions-row">
            <button type="button" class="primary" disabled={!dirty || Object.keys(bad).length > 0} onClick={() => void apply(() => ipc.saveSettings(s), "settings_saved")} data-testid="settings-save">{t("save")}</button>
            <button type="button" onClick={() => void apply(() => ipc.restoreSettings(), "settings_restored")}>{t("playbook_restore")}</button>
            {message && <span class="muted" data-testid="settings-message">{message}</span>}
          </div>
        </div>
      )}
      {!s && message && <p class="muted">{message}</p>}
    </section>
  );
}
