import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ApiError, describeError } from "../../../api/errors";
import type { Chat } from "../../../api/types";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { PageHeader } from "../../../components/PageHeader";
import { RelativeTime } from "../../../components/RelativeTime";
import { ErrorState, Loading, NotFound } from "../../../components/States";
import { useToast } from "../../../components/toastContext";
import { message, useMessageText } from "../../../i18n/message";
import { useFormat } from "../../../i18n/useFormat";
import { useCanManage, useSession } from "../../auth/hooks/useSession";
import { ConnectionStatus } from "../../inbox/components/ConnectionStatus";
import { StateEventItem } from "../../inbox/components/StateEventItem";
import { useLiveState, useWatchChat } from "../../inbox/hooks/inboxContext";
import { useChat, useDeleteChat } from "../api/chats";
import { listUrlFrom } from "../lib/listUrl";
import { timeline } from "../lib/timeline";
import { HandoffPanel } from "./HandoffPanel";
import { MessageItem } from "./MessageItem";
import { ReplyBox } from "./ReplyBox";
import { VisitorIdentityCard } from "./VisitorIdentity";

function DeleteChatButton({ chat, listUrl }: { chat: Chat; listUrl: string }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const remove = useDeleteChat(chat.id);
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <>
      <button type="button" className="button button--danger-outline" onClick={() => setOpen(true)}>
        {t("chats.delete.button")}
      </button>
      {open && (
        <ConfirmDialog
          title={t("chats.delete.confirmTitle")}
          confirmLabel={t("chats.delete.button")}
          pendingLabel={t("common.deleting")}
          pending={remove.isPending}
          error={remove.isError ? text(describeError(remove.error)) : null}
          onCancel={() => {
            setOpen(false);
            remove.reset();
          }}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                toast(message("chats.delete.done"));
                void navigate(listUrl, { replace: true });
              },
            })
          }
        >
          <p>{t("chats.delete.confirmBody", { count: chat.messages.length, n: format.count(chat.messages.length) })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function Transcript({ chat, listUrl }: { chat: Chat; listUrl: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canManage = useCanManage();
  const me = useSession().user.id;
  const typing = useLiveState().typing.has(chat.id);
  const failures = chat.messages.filter((m) => m.status === "failed").length;
  return (
    <>
      <PageHeader
        back={
          <Link to={listUrl} className="back-link">
            <span aria-hidden="true">←</span>
            {t("chats.back")}
          </Link>
        }
        title={chat.title.trim() || t("chats.untitled")}
        description={
          <Trans
            i18nKey="chats.transcript.with"
            values={{ assistant: chat.assistant_name }}
            components={{ assistant: <Link to={`/assistants/${chat.assistant_id}`} />, time: <RelativeTime value={chat.last_message_at} /> }}
          />
        }
        actions={
          <div className="inbox-tools">
            <ConnectionStatus />
            {canManage && <DeleteChatButton chat={chat} listUrl={listUrl} />}
          </div>
        }
      />
      <div className="split split--wide-main">
        <section className="card transcript" aria-labelledby="transcript-title">
          <div className="card__header card__header--row">
            <h2 className="card__title" id="transcript-title">
              {t("chats.transcript.title")}
            </h2>
            <span className="card__subtitle">
              {t("chats.messages", { count: chat.messages.length, n: format.count(chat.messages.length) })}
              {failures > 0 && (
                <span className="text-danger"> · {t("chats.transcript.failures", { count: failures, n: format.count(failures) })}</span>
              )}
            </span>
          </div>
          {chat.messages.length === 0 && chat.history.length === 0 ? (
            <p className="transcript__empty">{t("chats.transcript.empty")}</p>
          ) : (
            <ol className="messages" aria-label={t("chats.transcript.messages")}>
              {timeline(chat).map((item) =>
                item.kind === "message" ? (
                  <MessageItem key={item.message.id} message={item.message} />
                ) : (
                  <StateEventItem key={item.event.id} event={item.event} />
                ),
              )}
            </ol>
          )}
          <p className="transcript__typing" role="status">
            {typing ? t("inbox.typing") : ""}
          </p>
          <ReplyBox chatId={chat.id} enabled={chat.state === "assigned" && chat.assignee_id === me} />
        </section>
        <aside className="split__side" aria-label={t("chats.transcript.detailsLabel")}>
          <HandoffPanel chat={chat} />
          <VisitorIdentityCard chat={chat} />
          <section className="card" aria-labelledby="chat-details-title">
            <div className="card__header">
              <h2 className="card__title" id="chat-details-title">
                {t("chats.transcript.details")}
              </h2>
            </div>
            <dl className="card__body details">
              <dt>{t("chats.transcript.status")}</dt>
              <dd>
                <span className={`badge ${chat.status === "open" ? "badge--active" : "badge--neutral"}`}>
                  {chat.status === "open" ? t("chats.open") : t("chats.closed")}
                </span>
              </dd>
              <dt>{t("chats.transcript.assistant")}</dt>
              <dd>
                <Link to={`/assistants/${chat.assistant_id}`}>{chat.assistant_name}</Link>
              </dd>
              <dt>{t("chats.transcript.visitor")}</dt>
              <dd>
                <code className="break">{chat.visitor_id}</code>
              </dd>
              {chat.origin && (
                <>
                  <dt>{t("chats.transcript.website")}</dt>
                  <dd>
                    <code className="break">{chat.origin}</code>
                  </dd>
                </>
              )}
              <dt>{t("chats.transcript.started")}</dt>
              <dd>{format.dateTime(chat.created_at)}</dd>
              <dt>{t("chats.transcript.lastActivity")}</dt>
              <dd>{format.dateTime(chat.last_message_at)}</dd>
            </dl>
          </section>
        </aside>
      </div>
    </>
  );
}

export function ChatPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const listUrl = listUrlFrom(useLocation().state);
  const chat = useChat(id);
  useWatchChat(id);
  if (chat.isPending) return <Loading label={t("chats.transcript.loading")} />;
  if (chat.isError) {
    if (chat.error instanceof ApiError && (chat.error.isNotFound || chat.error.code === "invalid_parameter")) {
      return (
        <NotFound title={t("chats.transcript.notFound")} back={{ to: listUrl, label: t("chats.transcript.backToList") }}>
          <p>{t("chats.transcript.notFoundText")}</p>
        </NotFound>
      );
    }
    return <ErrorState error={chat.error} onRetry={() => void chat.refetch()} />;
  }
  return <Transcript chat={chat.data} listUrl={listUrl} />;
}
