/** Styles of the chat panel (part of chat.js). Lives in the same shadow root as the launcher. */
export const PANEL_CSS = `
.kw{font:14px/1.45 system-ui,"Segoe UI",Roboto,sans-serif;color:#111827}
.panel{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:370px;height:min(620px,calc(100vh - 40px));display:flex;flex-direction:column;background:#fff;color:#111827;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.28);overflow:hidden}
.left .panel{left:20px;right:auto}
.header{display:flex;align-items:center;gap:8px;padding:12px 8px 12px 16px;background:var(--k-primary);color:var(--k-on-primary)}
.title{flex:1;margin:0;font-size:16px;font-weight:600;line-height:1.3;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
button{font:inherit;color:inherit}
.icon{display:flex;align-items:center;justify-content:center;width:36px;height:36px;margin:0;padding:0;border:0;border-radius:8px;background:transparent;cursor:pointer}
.icon svg{width:20px;height:20px;fill:currentColor}
.header .icon:hover{background:rgba(127,127,127,.2)}
.icon:focus-visible,.retry:focus-visible,.confirm button:focus-visible,.hand button:focus-visible{outline:2px solid currentColor;outline-offset:2px}
.banner{padding:6px 16px;font-size:12px;background:#fef3c7;color:#92400e}
.banner.fatal{background:#f3f4f6;color:#374151}
.banner.alone{flex:1;display:flex;align-items:center;justify-content:center;padding:32px;text-align:center;font-size:14px;background:none;color:#4b5563}
.compact{height:auto}
.unavailable .composer,.unavailable .counter,.unavailable .typing,.unavailable .retry,.alone~.scroll{display:none}
.scroll{flex:1;overflow-y:auto;overscroll-behavior:contain}
.log{padding:16px 12px 8px;display:flex;flex-direction:column;gap:8px}
.msg{display:flex;flex-direction:column;align-items:flex-start;max-width:85%;align-self:flex-start}
.msg[data-role=user]{align-self:flex-end;align-items:flex-end}
.bubble{padding:8px 12px;border-radius:14px;background:#f3f4f6;white-space:pre-wrap;overflow-wrap:anywhere}
.msg[data-role=user] .bubble{background:var(--k-primary);color:var(--k-on-primary)}
.msg[data-role=agent] .bubble{background:#ecfdf5}
.msg[data-status=sending] .bubble,.msg[data-status=error] .bubble{opacity:.65}
.msg[data-status=failed] .bubble{background:#fef2f2;color:#991b1b;border:1px solid #fecaca}
.bubble a{color:inherit;text-decoration:underline}
.meta,.src{font-size:11px;color:#6b7280;margin-top:2px}.src a{margin-right:6px}
.meta .err{color:#b91c1c}
.retry{margin:0 0 0 6px;padding:0;border:0;background:none;color:#1d4ed8;text-decoration:underline;cursor:pointer;font-size:11px}
.typing{padding:0 12px 12px}
.dots{display:inline-flex;gap:4px;padding:10px 12px;border-radius:14px;background:#f3f4f6}
.dots i{width:6px;height:6px;border-radius:50%;background:#9ca3af}
@media (prefers-reduced-motion:no-preference){.dots i{animation:kb 1.2s infinite ease-in-out}.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}}
@keyframes kb{0%,80%,100%{opacity:.35;transform:none}40%{opacity:1;transform:translateY(-3px)}}
.composer{display:flex;gap:8px;align-items:flex-end;padding:10px 12px;border-top:1px solid #e5e7eb}
textarea{flex:1;resize:none;margin:0;border:1px solid #d1d5db;border-radius:10px;padding:8px 10px;font:inherit;color:inherit;background:#fff;line-height:1.4;min-height:38px;max-height:140px;overflow-y:auto}
textarea:focus{outline:2px solid var(--k-primary);outline-offset:-1px;border-color:transparent}
textarea:disabled{background:#f9fafb}
.send{flex:none;border-radius:50%;background:var(--k-primary);color:var(--k-on-primary)}
.send:disabled{opacity:.4;cursor:default}
.confirm{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e5e7eb}
.confirm p{flex:1 0 100%;margin:0}
.confirm button,.hand button{margin:0;padding:6px 12px;border:1px solid #d1d5db;border-radius:8px;background:#fff;cursor:pointer}
.confirm .yes{border-color:transparent;background:var(--k-primary);color:var(--k-on-primary)}
.confirming .composer,.confirming .counter,.unavailable .hand{display:none}
.hand{display:flex;flex-wrap:wrap;gap:6px;padding:8px 12px;border-top:1px solid #e5e7eb;font-size:13px;color:#374151}
.hand p{flex:1 0 100%;margin:0}.hand .err{color:#b91c1c}
.mail{display:flex;flex-wrap:wrap;gap:6px;flex:1}.mail label{flex:1 0 100%;font-size:12px}
.mail input{flex:1;min-width:0;margin:0;padding:6px 8px;border:1px solid #d1d5db;border-radius:8px;font:inherit;color:inherit;background:#fff}
.msg .name{font-size:11px;color:#6b7280;margin-bottom:2px}
.counter{padding:0 12px 6px;text-align:right;font-size:11px;color:#6b7280}
.counter.over{color:#b91c1c;font-weight:600}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}
@media (max-width:480px){.panel,.left .panel{inset:0;width:auto;height:auto;border-radius:0}textarea{font-size:16px}}
.inline{height:100%}
.kw.inline .panel{position:relative;inset:auto;z-index:auto;width:100%;height:100%;min-height:360px;box-shadow:none;border:1px solid #e5e7eb}
`;

export const ICON_CLOSE =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4Z"/></svg>';
export const ICON_NEW =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 20h4L18.5 9.5l-4-4L4 16v4Zm12-16 4 4 1.5-1.5a1.4 1.4 0 0 0 0-2L19.5 3a1.4 1.4 0 0 0-2 0L16 4Z"/></svg>';
export const ICON_SEND =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10.1 16 12 3.4 13.9Z"/></svg>';
