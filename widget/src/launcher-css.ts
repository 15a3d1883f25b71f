/** Styles of the launcher bubble (part of embed.js: keep it small). The page reaches the host element only, which gets `all: initial` inline. */
export const LAUNCHER_CSS = `[hidden]{display:none!important}
*,::before,::after{box-sizing:border-box}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;background:var(--k-primary);color:var(--k-on-primary);box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer;display:grid;place-items:center}
.left .launcher{left:20px;right:auto}
.launcher:focus-visible{outline:3px solid var(--k-primary);outline-offset:3px}
.launcher[aria-busy=true]{opacity:.7;cursor:progress}
.launcher svg{width:28px;height:28px;fill:currentColor}
.dot{position:absolute;top:2px;right:2px;width:14px;height:14px;border-radius:50%;background:#ef4444;border:2px solid #fff}
`;

export const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8.4L4 21.5V18a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z"/></svg>';
