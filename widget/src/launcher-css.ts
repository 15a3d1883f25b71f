/** Styles of the launcher bubble (part of embed.js: keep it small). */
export const LAUNCHER_CSS = `
:host{all:initial}
.kw{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#111827}
.kw *,.kw *::before,.kw *::after{box-sizing:border-box}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;background:var(--k-primary);color:var(--k-on-primary);box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer;display:flex;align-items:center;justify-content:center}
.left .launcher{left:20px;right:auto}
.launcher[hidden]{display:none}
.launcher:focus-visible{outline:3px solid var(--k-primary);outline-offset:3px}
.launcher[aria-busy=true]{opacity:.7;cursor:progress}
.launcher svg{width:28px;height:28px;fill:currentColor}
.dot{position:absolute;top:2px;right:2px;width:14px;height:14px;border-radius:50%;background:#ef4444;border:2px solid #fff}
.dot[hidden]{display:none}
@media (prefers-reduced-motion:no-preference){.launcher{transition:transform .15s}.launcher:hover{transform:scale(1.06)}}
`;

export const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8.4L4 21.5V18a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z"/></svg>';
