import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ChatSummary } from "../../../api/types";
import { RelativeTime } from "../../../components/RelativeTime";
import { useFormat } from "../../../i18n/useFormat";
import { StateBadge } from "../../inbox/components/StateBadge";
import { authorKey } from "../lib/authors";
import { IdentityBadge } from "./VisitorIdentity";

/**
 * One chat in the list. The link is the title (its accessible name is what it
 * shows); a CSS overlay makes the whole row clickable.
 */
export function ChatRow({ chat, listUrl }: { chat: ChatSummary; listUrl: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const unread = chat.unread_count ?? 0;
  const title = chat.title.trim() || t("chats.untitled");
  return (
    <li className={unread > 0 ? "chat-row chat-row--unread" : "chat-row"}>
      <div className="chat-row__top">
        <Link to={`/chats/${chat.id}`} state={{ from: listUrl }} className="chat-row__link">
          <span className="chat-row__title">{title}</span>
        </Link>
        {unread > 0 && (
          <span className="count-badge">
            <span aria-hidden="true">{format.count(unread)}</span>
            <span className="visually-hidden">{t("inbox.unread", { count: unread, n: format.count(unread) })}</span>
          </span>
        )}
        <span className="chat-row__time">
          <RelativeTime value={chat.last_message_at} />
        </span>
      </div>
      <div className="chat-row__meta">
        <StateBadge state={chat.state} />
        {chat.state === "assigned" && chat.assignee_name && (
          <span className="chat-row__assignee">{t("inbox.assignedTo", { name: chat.assignee_name })}</span>
        )}
        {chat.identity && (
          <span className="chat-row__identity">
            <IdentityBadge identity={chat.identity} />
            <span className="break">{chat.identity.name ?? chat.identity.email ?? chat.identity.user_id}</span>
          </span>
        )}
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
