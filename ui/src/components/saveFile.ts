// Saving a file the user names: the native save dialog, then the write.
// The Rust side never replaces a workspace, another kind of file or a
// read-only file, and replaces a file of the same kind only when told the
// user agreed (`replace`). The save dialog asks about replacing the exact
// name it returns; when the extension had to be added, the name is a
// different one, so a file found there is asked about here.
import { ask, save } from "@tauri-apps/plugin-dialog";
import { isIpcError } from "../ipc";
import type { Key } from "../i18n";

export interface SaveTarget {
  path: string;
  /** The user already agreed to replace a file at `path`. */
  replace: boolean;
}

/** The dialog's answer with `.ext` added when missing. */
export function withExtension(picked: string, ext: string): SaveTarget {
  const has = picked.toLowerCase().endsWith(`.${ext.toLowerCase()}`);
  return has ? { path: picked, replace: true } : { path: `${picked}.${ext}`, replace: false };
}

/** Asks where to save a file of extension `ext`; null when cancelled. */
export async function chooseSavePath(defaultPath: string, filterName: string, ext: string): Promise<SaveTarget | null> {
  // The end-to-end tests answer the next dialog here: a native dialog cannot
  // be driven through WebDriver (only a script in the page can set this).
  const w = window as unknown as { __horetsuNextSavePath?: string };
  const planted = w.__horetsuNextSavePath;
  delete w.__horetsuNextSavePath;
  const picked = planted ?? (await save({ defaultPath, filters: [{ name: filterName, extensions: [ext] }] }));
  return picked ? withExtension(picked, ext) : null;
}

/** The file name of a path, for a message. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Runs `write`; when it meets a file of the same kind the user has not
 *  agreed to replace, asks, and runs it again with consent. Null when the
 *  user declines. */
export async function writeAsking<T>(
  target: SaveTarget,
  t: (k: Key) => string,
  write: (replace: boolean) => Promise<T>,
): Promise<T | null> {
  try {
    return await write(target.replace);
  } catch (e) {
    if (target.replace || !isIpcError(e) || e.code !== "file_exists") throw e;
    const yes = await ask(t("replace_confirm").replace("{file}", fileName(target.path)), { kind: "warning" });
    return yes ? await write(true) : null;
  }
}
