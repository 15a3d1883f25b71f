import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { describeError } from "../../../api/errors";
import { PageHeader } from "../../../components/PageHeader";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useMessageText } from "../../../i18n/message";
import { useAssistants } from "../../assistants/api/assistants";
import { AssistantOptions } from "../../assistants/components/AssistantOptions";
import { useChatList } from "../api/chats";
import { ChatRow } from "./ChatRow";

export function ChatsPage() {
  const { t } = useTranslation();
  const text = useMessageText();
  const [params, setParams] = useSearchParams();
  const assistantId = params.get("assistant");
  const assistants = useAssistants();
  const chats = useChatList(assistantId);
  const selectId = useId();

  const rows = chats.data?.pages.flatMap((page) => page.data) ?? [];
  const filterName = assistantId ? assistants.data?.find((a) => a.id === assistantId)?.name : undefined;
  // A transcript opened from here comes back to this list, filter and all.
  const listUrl = assistantId ? `/chats?assistant=${encodeURIComponent(assistantId)}` : "/chats";

  return (
    <>
      <PageHeader title={t("chats.title")} description={t("chats.description")} />
      <div className="toolbar">
        <label htmlFor={selectId} className="toolbar__label">
          {t("chats.filter")}
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
        <Loading label={t("chats.loading")} />
      ) : chats.isError && !chats.data ? (
        <ErrorState error={chats.error} onRetry={() => void chats.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={filterName ? t("chats.empty.titleFiltered", { name: filterName }) : t("chats.empty.title")}>
          <p>{filterName ? t("chats.empty.textFiltered") : t("chats.empty.text")}</p>
          {!assistantId && <p>{t("chats.empty.start")}</p>}
        </EmptyState>
      ) : (
        <>
          <ul className="chat-list" aria-label={t("chats.list")}>
            {rows.map((chat) => (
              <ChatRow key={chat.id} chat={chat} listUrl={listUrl} />
            ))}
          </ul>
          <div className="load-more">
            {chats.isFetchNextPageError && (
              <p className="field__error" role="alert">
                {text(describeError(chats.error))}
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
                {chats.isFetchingNextPage ? t("common.loading") : t("chats.loadMore")}
              </button>
            ) : (
              rows.length > 10 && <p className="load-more__end">{t("chats.end")}</p>
            )}
          </div>
        </>
      )}
    </>
  );
}
