import type { Message } from "../../../api/types";
import { formatDateTime, formatLatency } from "../../../lib/time";

const AUTHOR: Record<Message["role"], string> = {
  user: "Visitor",
  assistant: "Assistant",
  agent: "Agent",
  system: "System",
};

// The API sends `null` for the optional fields it has no value for, so
// these checks use `!= null` rather than `!== undefined`.
function Usage({ message }: { message: Message }) {
  const parts: string[] = [];
  if (message.model) parts.push(message.model);
  if (message.prompt_tokens != null || message.completion_tokens != null) {
    parts.push(`${message.prompt_tokens ?? "?"} prompt / ${message.completion_tokens ?? "?"} completion tokens`);
  }
  if (message.latency_ms != null) parts.push(formatLatency(message.latency_ms));
  if (parts.length === 0) return null;
  return (
    <p className="message__usage" aria-label="Reply details">
      {parts.join(" · ")}
    </p>
  );
}

export function MessageItem({ message }: { message: Message }) {
  const failed = message.status === "failed";
  const inProgress = message.status === "pending" || message.status === "streaming";
  const side = message.role === "user" ? "visitor" : message.role === "system" ? "system" : "bot";
  const time = new Date(message.created_at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

  return (
    <li className={`message message--${side}${failed ? " message--failed" : ""}`} aria-label={`${AUTHOR[message.role]} message${failed ? ", failed" : ""}`}>
      <div className="message__header">
        <span className="message__author">{AUTHOR[message.role]}</span>
        <time className="message__time" dateTime={message.created_at} title={formatDateTime(message.created_at)}>
          {time}
        </time>
        {failed && <span className="badge badge--danger">Reply failed</span>}
        {inProgress && <span className="badge badge--neutral">{message.status === "pending" ? "Waiting" : "Writing…"}</span>}
      </div>
      {message.content ? (
        <div className="message__bubble">{message.content}</div>
      ) : (
        !failed && <div className="message__bubble message__bubble--empty">(empty)</div>
      )}
      {failed && (
        <div className="message__error" role="note">
          <p className="message__error-title">
            Error <code>{message.error?.code ?? "unknown"}</code>
          </p>
          {message.error?.detail && <p className="message__error-detail">{message.error.detail}</p>}
          <p className="message__error-note">The visitor saw a polite apology instead of this reply.</p>
        </div>
      )}
      {message.role === "assistant" && <Usage message={message} />}
    </li>
  );
}
