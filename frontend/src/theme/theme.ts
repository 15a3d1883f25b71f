// Light or dark: the system's choice unless the person picked one (remembered).
// The resolved theme is written to <html data-theme> and `color-scheme`, which
// the stylesheet's tokens and the browser's own controls follow. index.html runs
// the same few lines before the first paint, so a dark page never flashes white.

export const THEME_PREFERENCES = ["system", "light", "dark"] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
export type Theme = "light" | "dark";

const STORAGE_KEY = "kremna.theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

type Listener = () => void;
const listeners = new Set<Listener>();
let preference: ThemePreference | undefined;

function isPreference(value: unknown): value is ThemePreference {
  return typeof value === "string" && (THEME_PREFERENCES as readonly string[]).includes(value);
}

function load(): ThemePreference {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isPreference(saved)) return saved;
  } catch {
    // Storage unavailable: follow the system.
  }
  return "system";
}

function systemTheme(): Theme {
  return typeof window.matchMedia === "function" && window.matchMedia(DARK_QUERY).matches ? "dark" : "light";
}

export function resolveTheme(pref: ThemePreference): Theme {
  return pref === "system" ? systemTheme() : pref;
}

function apply() {
  const theme = resolveTheme(getThemePreference());
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

export function getThemePreference(): ThemePreference {
  preference ??= load();
  return preference;
}

export function setThemePreference(next: ThemePreference) {
  preference = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  apply();
  listeners.forEach((listener) => listener());
}

export function subscribeThemePreference(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Applies the theme now and follows the system's changes while "system" is chosen. */
export function startTheme() {
  apply();
  if (typeof window.matchMedia !== "function") return;
  window.matchMedia(DARK_QUERY).addEventListener("change", () => {
    if (getThemePreference() === "system") apply();
  });
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY) return;
    preference = load();
    apply();
    listeners.forEach((listener) => listener());
  });
}
