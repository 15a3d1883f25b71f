import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import type { ChatSummary } from "../../../api/types";
import { describeError } from "../../../api/errors";
import { PageHeader } from "../../../components/PageHeader";
import { RelativeTime } from "../../../components/RelativeTime";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useAssistants } from "../../assistants/api/assistants";
import { AssistantOptions } from "../../assistants/components/AssistantOptions";
import { useChatList } from "../api/chats";

const PREVIEW_AUTHOR: Record<string, string> = {
  user: "Visitor",
  assistant: "Assistant",
  agent: "Agent",
  system: "System",
};

function ChatRow({ chat }: { chat: ChatSummary }) {
  const title = chat.title.trim() || "Untitled chat";
  return (
    <li className="chat-row">
      <Link to={`/chats/${chat.id}`} className="chat-row__link" aria-label={`${title} — ${chat.assistant_name}`}>
        <div className="chat-row__top">
          <span className="chat-row__title">{title}</span>
          <span className="chat-row__time">
            <RelativeTime value={chat.last_message_at} />
          </span>
        </div>
        <div className="chat-row__meta">
          <span className="chip">{chat.assistant_name}</span>
          <span>
            {chat.message_count} {chat.message_count === 1 ? "message" : "messages"}
          </span>
          {chat.status === "closed" && <span className="badge badge--neutral">Closed</span>}
          {chat.last_message?.status === "failed" && <span className="badge badge--danger">Reply failed</span>}
          {chat.origin && <span className="chat-row__origin">{chat.origin}</span>}
        </div>
        {chat.last_message ? (
          <p className="chat-row__preview">
            <span className="chat-row__author">{PREVIEW_AUTHOR[chat.last_message.role] ?? "Message"}:</span>{" "}
            {chat.last_message.content.trim() ? (
              chat.last_message.content
            ) : (
              <span className="chat-row__no-text">
                {chat.last_message.status === "failed" ? "the reply failed" : "no text yet"}
              </span>
            )}
          </p>
        ) : (
          <p className="chat-row__preview chat-row__preview--empty">No messages yet</p>
        )}
      </Link>
    </li>
  );
}

export function ChatsPage() {
  const [params, setParams] = useSearchParams();
  const assistantId = params.get("assistant");
  const assistants = useAssistants();
  const chats = useChatList(assistantId);
  const selectId = useId();

  const rows = chats.data?.pages.flatMap((page) => page.data) ?? [];
  const filterName = assistantId ? assistants.data?.find((a) => a.id === assistantId)?.name : undefined;

  return (
    <>
      <PageHeader title="Chats" description="Conversations between your visitors and assistants, newest activity first." />
      <div className="toolbar">
        <label htmlFor={selectId} className="toolbar__label">
          Assistant
        </label>
        <select
          id={selectId}
          className="input select"
          value={assistantId ?? ""}
          onChange={(e) => {
            const value = e.target.value;
            setParams(value ? { assistant: value } : {}, { replace: true });
          }}
          disabled={assistants.isPending}
        >
          <AssistantOptions selected={assistantId} assistants={assistants.data} loading={assistants.isPending} />
        </select>
      </div>

      {chats.isPending ? (
        <Loading label="Loading chats…" />
      ) : chats.isError && !chats.data ? (
        <ErrorState error={chats.error} onRetry={() => void chats.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={filterName ? `No chats with ${filterName} yet` : "No chats yet"}>
          <p>
            When visitors talk to {filterName ? "this assistant" : "your assistants"} through the website widget, their
            conversations show up here.
          </p>
          {!assistantId && <p>Add an assistant's embed snippet to your site to get started.</p>}
        </EmptyState>
      ) : (
        <>
          <ul className="chat-list" aria-label="Chats">
            {rows.map((chat) => (
              <ChatRow key={chat.id} chat={chat} />
            ))}
          </ul>
          <div className="load-more">
            {chats.isFetchNextPageError && (
              <p className="field__error" role="alert">
                {describeError(chats.error)}
              </p>
            )}
            {chats.hasNextPage ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void chats.fetchNextPage()}
                disabled={chats.isFetchingNextPage}
                aria-busy={chats.isFetchingNextPage}
              >
                {chats.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            ) : (
              rows.length > 10 && <p className="load-more__end">That's every chat.</p>
            )}
          </div>
        </>
      )}
    </>
  );
}
