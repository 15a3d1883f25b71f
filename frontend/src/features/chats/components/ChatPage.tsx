import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, describeError } from "../../../api/errors";
import type { Chat } from "../../../api/types";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { PageHeader } from "../../../components/PageHeader";
import { RelativeTime } from "../../../components/RelativeTime";
import { ErrorState, Loading, NotFound } from "../../../components/States";
import { formatDateTime } from "../../../lib/time";
import { useCanManage } from "../../auth/hooks/useSession";
import { useChat, useDeleteChat } from "../api/chats";
import { MessageItem } from "./MessageItem";

function DeleteChatButton({ chat }: { chat: Chat }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteChat(chat.id);
  const navigate = useNavigate();
  return (
    <>
      <button type="button" className="button button--danger-outline" onClick={() => setOpen(true)}>
        Delete chat
      </button>
      {open && (
        <ConfirmDialog
          title="Delete this chat?"
          confirmLabel="Delete chat"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          error={remove.isError ? describeError(remove.error) : null}
          onCancel={() => {
            setOpen(false);
            remove.reset();
          }}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => void navigate(`/chats?assistant=${chat.assistant_id}`, { replace: true }),
            })
          }
        >
          <p>The conversation and its {chat.messages.length} messages are deleted for good. This can't be undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function Transcript({ chat }: { chat: Chat }) {
  const canManage = useCanManage();
  const failures = chat.messages.filter((m) => m.status === "failed").length;
  return (
    <>
      <PageHeader
        back={
          <Link to="/chats" className="back-link">
            ← Chats
          </Link>
        }
        title={chat.title.trim() || "Untitled chat"}
        description={
          <>
            With <Link to={`/assistants/${chat.assistant_id}`}>{chat.assistant_name}</Link> · last activity{" "}
            <RelativeTime value={chat.last_message_at} />
          </>
        }
        actions={canManage ? <DeleteChatButton chat={chat} /> : null}
      />
      <div className="split split--wide-main">
        <section className="card transcript" aria-labelledby="transcript-title">
          <div className="card__header card__header--row">
            <h2 className="card__title" id="transcript-title">
              Transcript
            </h2>
            <span className="card__subtitle">
              {chat.messages.length} {chat.messages.length === 1 ? "message" : "messages"}
              {failures > 0 && (
                <span className="text-danger">
                  {" "}
                  · {failures} failed {failures === 1 ? "reply" : "replies"}
                </span>
              )}
            </span>
          </div>
          {chat.messages.length === 0 ? (
            <p className="transcript__empty">This chat has no messages yet.</p>
          ) : (
            <ol className="messages" aria-label="Messages">
              {chat.messages.map((message) => (
                <MessageItem key={message.id} message={message} />
              ))}
            </ol>
          )}
        </section>
        <aside className="split__side" aria-label="Chat details">
          <section className="card">
            <div className="card__header">
              <h2 className="card__title">Details</h2>
            </div>
            <dl className="card__body details">
              <dt>Status</dt>
              <dd>
                <span className={`badge ${chat.status === "open" ? "badge--active" : "badge--neutral"}`}>
                  {chat.status === "open" ? "Open" : "Closed"}
                </span>
              </dd>
              <dt>Assistant</dt>
              <dd>
                <Link to={`/assistants/${chat.assistant_id}`}>{chat.assistant_name}</Link>
              </dd>
              <dt>Visitor</dt>
              <dd>
                <code className="break">{chat.visitor_id}</code>
              </dd>
              {chat.origin && (
                <>
                  <dt>Website</dt>
                  <dd>
                    <code className="break">{chat.origin}</code>
                  </dd>
                </>
              )}
              <dt>Started</dt>
              <dd>{formatDateTime(chat.created_at)}</dd>
              <dt>Last activity</dt>
              <dd>{formatDateTime(chat.last_message_at)}</dd>
            </dl>
          </section>
        </aside>
      </div>
    </>
  );
}

export function ChatPage() {
  const { id = "" } = useParams();
  const chat = useChat(id);
  if (chat.isPending) return <Loading label="Loading chat…" />;
  if (chat.isError) {
    if (chat.error instanceof ApiError && (chat.error.isNotFound || chat.error.code === "invalid_parameter")) {
      return (
        <NotFound title="Chat not found">
          <p>It may have been deleted, or it belongs to another workspace.</p>
        </NotFound>
      );
    }
    return <ErrorState error={chat.error} onRetry={() => void chat.refetch()} />;
  }
  return <Transcript chat={chat.data} />;
}
