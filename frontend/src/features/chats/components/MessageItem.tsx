import { Trans, useTranslation } from "react-i18next";
import type { Message, ReplyCause } from "../../../api/types";
import type { MessageKey } from "../../../i18n/message";
import { useFormat } from "../../../i18n/useFormat";
import { ReplySources } from "../../knowledge/components/ReplySources";
import { authorKey } from "../lib/authors";

/**
 * What each failure cause means to a member. The server stores only the cause, never
 * the provider's own error text; `handed_over` marks a reply a member took over, which
 * is not shown as a failure.
 */
const FAILURES: Record<Exclude<ReplyCause, "handed_over">, MessageKey> = {
  provider_rate_limited: "chats.failures.provider_rate_limited",
  provider_unavailable: "chats.failures.provider_unavailable",
  provider_unauthorized: "chats.failures.provider_unauthorized",
  provider_rejected: "chats.failures.provider_rejected",
  provider_timeout: "chats.failures.provider_timeout",
  stream_interrupted: "chats.failures.stream_interrupted",
  provider_malformed: "chats.failures.provider_malformed",
  provider_unreachable: "chats.failures.provider_unreachable",
};

// The API sends `null` for the optional fields it has no value for, so
// these checks use `!= null` rather than `!== undefined`.
function Usage({ message }: { message: Message }) {
  const { t } = useTranslation();
  const format = useFormat();
  const parts: string[] = [];
  if (message.model) parts.push(message.model);
  if (message.prompt_tokens != null || message.completion_tokens != null) {
    const count = (n: number | null | undefined) => (n == null ? "?" : format.count(n));
    parts.push(t("chats.message.tokens", { prompt: count(message.prompt_tokens), completion: count(message.completion_tokens) }));
  }
  if (message.latency_ms != null) parts.push(format.ms(message.latency_ms));
  if (parts.length === 0) return null;
  return (
    <p className="message__usage" aria-label={t("chats.message.usage")}>
      {parts.join(" · ")}
    </p>
  );
}

function Failure({ message }: { message: Message }) {
  const { t } = useTranslation();
  const code = message.error?.code;
  const meaning = code && code !== "handed_over" ? FAILURES[code] : undefined;
  return (
    <div className="message__error" role="note">
      <p className="message__error-title">
        <Trans i18nKey="chats.message.error" values={{ code: code ?? t("chats.message.unknownCode") }} components={{ code: <code /> }} />
      </p>
      {meaning && <p className="message__error-meaning">{t(meaning)}</p>}
      <p className="message__error-note">{t("chats.message.errorNote")}</p>
    </div>
  );
}

export function MessageItem({ message }: { message: Message }) {
  const { t } = useTranslation();
  const format = useFormat();
  const failed = message.status === "failed";
  const inProgress = message.status === "pending" || message.status === "streaming";
  const side = message.role === "user" ? "visitor" : message.role === "system" ? "system" : message.role === "agent" ? "agent" : "bot";
  // A member's message is signed with their name, as the visitor saw it.
  const author = message.role === "agent" && message.author_name ? message.author_name : t(authorKey(message.role));

  return (
    <li
      className={`message message--${side === "agent" ? "bot message--agent" : side}${failed ? " message--failed" : ""}`}
      aria-label={failed ? t("chats.message.labelFailed", { author }) : t("chats.message.label", { author })}
    >
      <div className="message__header">
        <span className="message__author">{author}</span>
        <time className="message__time" dateTime={message.created_at} title={format.dateTime(message.created_at)}>
          {format.clock(message.created_at)}
        </time>
        {failed && <span className="badge badge--danger">{t("chats.replyFailed")}</span>}
        {inProgress && (
          <span className="badge badge--neutral">{message.status === "pending" ? t("chats.message.waiting") : t("chats.message.writing")}</span>
        )}
      </div>
      {message.content ? (
        <div className="message__bubble">{message.content}</div>
      ) : (
        !failed && <div className="message__bubble message__bubble--empty">{t("chats.message.empty")}</div>
      )}
      {failed && <Failure message={message} />}
      {message.role === "assistant" && <Usage message={message} />}
      {message.role === "assistant" && <ReplySources messageId={message.id} />}
    </li>
  );
}
