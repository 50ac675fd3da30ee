// What a finished save says: where the file went, and 「フォルダを開く」,
// which asks the Rust side to show the folder (it shows only files this run
// of the app wrote).
import type { ComponentChildren } from "preact";
import { ipc } from "../ipc";
import type { Key } from "../i18n";

export function SavedNote(p: { t: (k: Key) => string; path: string; testid?: string; onError: (e: unknown) => void; children?: ComponentChildren }) {
  return (
    <span class="muted small saved-note" data-testid={p.testid}>
      {p.t("saved")} <span class="path">{p.path}</span>
      {p.children}{" "}
      <button type="button" class="link-btn" data-testid="open-folder" onClick={() => void ipc.revealFile(p.path).catch(p.onError)}>
        {p.t("open_folder")}
      </button>
    </span>
  );
}
