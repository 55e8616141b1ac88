/**
 * Drafts of the task editor, kept in the browser (localStorage) per user and per task, so a
 * reload or a closed tab does not lose work that was not submitted. Nothing leaves the browser.
 */
export interface DraftStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface StoredDraft {
  code: string;
  savedAt: string;
}

/** Per user too: two people sharing a lab computer must not see each other's code. */
export function draftKey(userId: string, taskId: string): string {
  return `treino:draft:${userId}:${taskId}`;
}

export function readDraft(store: DraftStore, key: string): StoredDraft | null {
  try {
    const raw = store.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    return typeof parsed.code === "string" && typeof parsed.savedAt === "string" ? { code: parsed.code, savedAt: parsed.savedAt } : null;
  } catch {
    return null; // storage refused (private mode) or damaged: no draft
  }
}

/**
 * Saves `code`, or forgets the draft when it is what the page loads anyway (`baseline`: the
 * last submission or the starter): a draft is only worth restoring when it differs.
 * Returns whether a draft is now stored.
 */
export function saveDraft(store: DraftStore, key: string, code: string, baseline: string, now = new Date()): boolean {
  try {
    if (code === baseline) {
      store.removeItem(key);
      return false;
    }
    store.setItem(key, JSON.stringify({ code, savedAt: now.toISOString() } satisfies StoredDraft));
    return true;
  } catch {
    return false; // full or refused: the editor keeps working without drafts
  }
}

export function clearDraft(store: DraftStore, key: string): void {
  try {
    store.removeItem(key);
  } catch {
    // nothing to clear
  }
}
