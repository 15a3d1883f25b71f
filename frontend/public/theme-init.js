// Loaded by index.html as a classic script in <head>, so it runs before the first paint;
// a file rather than inline script, so the page runs under a CSP without 'unsafe-inline'.
// The remembered theme or the system's, and the remembered language (src/theme/theme.ts
// does the same once the app runs), so a dark page never flashes white and screen readers
// hear the right language.
(function () {
  var root = window.document.documentElement;
  try {
    var pref = window.localStorage.getItem("kremna.theme");
    var dark = pref === "dark" || (pref !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches);
    root.dataset.theme = dark ? "dark" : "light";
    root.style.colorScheme = dark ? "dark" : "light";
    var lang = window.localStorage.getItem("kremna.language");
    if (lang === "en" || lang === "tr") root.lang = lang;
  } catch {
    // Storage can be blocked (privacy settings): the app applies the defaults when it starts.
  }
})();
