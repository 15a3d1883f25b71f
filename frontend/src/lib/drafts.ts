// Unsaved form text, kept in sessionStorage (this tab only) while a form has
// changes. If the session ends on Save, the typed text is there again after
// signing back in; a deliberate sign-out forgets every draft.

const PREFIX = "kremna.draft.";

export function saveDraft(key: string, value: unknown) {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the draft lives only on screen.
  }
}

export function loadDraft(key: string): unknown {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

export function removeDraft(key: string) {
  try {
    window.sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing to forget.
  }
}

export function clearAllDrafts() {
  try {
    const keys = Array.from({ length: window.sessionStorage.length }, (_, i) => window.sessionStorage.key(i));
    for (const key of keys) if (key?.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
  } catch {
    // Nothing to forget.
  }
}
