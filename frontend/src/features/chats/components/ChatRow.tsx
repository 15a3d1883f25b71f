import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ChatSummary } from "../../../api/types";
import { RelativeTime } from "../../../components/RelativeTime";
import { useFormat } from "../../../i18n/useFormat";
import { authorKey } from "../lib/authors";

/**
 * One chat in the list. The link is the title (its accessible name is what it
 * shows); a CSS overlay makes the whole row clickable.
 */
export function ChatRow({ chat, listUrl }: { chat: ChatSummary; listUrl: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = chat.title.trim() || t("chats.untitled");
  return (
    <li className="chat-row">
      <div className="chat-row__top">
        <Link to={`/chats/${chat.id}`} state={{ from: listUrl }} className="chat-row__link">
          <span className="chat-row__title">{title}</span>
        </Link>
        <span className="chat-row__time">
          <RelativeTime value={chat.last_message_at} />
        </span>
      </div>
      <div className="chat-row__meta">
        <span className="chip">{chat.assistant_name}</span>
        <span>{t("chats.messages", { count: chat.message_count, n: format.count(chat.message_count) })}</span>
        {chat.status === "closed" && <span className="badge badge--neutral">{t("chats.closed")}</span>}
        {chat.last_message?.status === "failed" && <span className="badge badge--danger">{t("chats.replyFailed")}</span>}
        {chat.origin && <span className="chat-row__origin">{chat.origin}</span>}
      </div>
      {chat.last_message ? (
        <p className="chat-row__preview">
          <span className="chat-row__author">{t(authorKey(chat.last_message.role))}:</span>{" "}
          {chat.last_message.content.trim() ? (
            chat.last_message.content
          ) : (
            <span className="chat-row__no-text">
              {chat.last_message.status === "failed" ? t("chats.previewFailed") : t("chats.previewEmpty")}
            </span>
          )}
        </p>
      ) : (
        <p className="chat-row__preview chat-row__preview--empty">{t("chats.noMessages")}</p>
      )}
    </li>
  );
}
