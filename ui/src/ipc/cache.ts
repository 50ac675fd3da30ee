// The one cache of the page: answers of the Rust side, kept for the workspace
// generation they were read at. Every committed write changes the generation
// (the dashboard says which it is; another workspace has another one), and a
// new generation forgets them all, so nothing shown is older than the workspace.

let generation: number | null = null;
const answers = new Map<string, unknown>();

/** The workspace generation the page shows; a new one forgets every answer. */
export function setGeneration(next: number): void {
  if (next !== generation) {
    generation = next;
    answers.clear();
  }
}

/** The answer kept under `key`, if any. */
export function kept<T>(key: string): T | undefined {
  return answers.get(key) as T | undefined;
}

/** Keeps an answer for the current generation. */
export function keep<T>(key: string, value: T): T {
  if (answers.size > 64) answers.clear();
  answers.set(key, value);
  return value;
}

/** The answer under `key`, read once per generation. */
export async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = kept<T>(key);
  if (hit !== undefined) return hit;
  const asked = generation;
  const value = await load();
  // Read across a new generation: show it, but do not keep it.
  return asked === generation ? keep(key, value) : value;
}
