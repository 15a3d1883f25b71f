import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { describeError } from "../../../api/errors";
import { PageHeader } from "../../../components/PageHeader";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useMessageText } from "../../../i18n/message";
import { useAssistants } from "../../assistants/api/assistants";
import { AlertsToggle } from "../../inbox/components/AlertsToggle";
import { ConnectionStatus } from "../../inbox/components/ConnectionStatus";
import { useChatList, useMarkAllRead, useUnreadChats } from "../api/chats";
import { filtersToParams, hasFilters, listUrlFor, parseFilters, type ChatFilters } from "../lib/filters";
import { ChatFilterBar } from "./ChatFilterBar";
import { ChatRow } from "./ChatRow";

export function ChatsPage() {
  const { t } = useTranslation();
  const text = useMessageText();
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const assistants = useAssistants();
  const chats = useChatList(filters);
  const unread = useUnreadChats().data?.chats ?? 0;
  const markAllRead = useMarkAllRead();

  const rows = chats.data?.pages.flatMap((page) => page.data) ?? [];
  // Only the assistant filter on its own gets the named empty state (as before the inbox).
  const onlyAssistant = filters.assistantId && !hasFilters({ ...filters, assistantId: null });
  const filterName = onlyAssistant ? assistants.data?.find((a) => a.id === filters.assistantId)?.name : undefined;
  // A transcript opened from here comes back to this list, filters and all.
  const listUrl = listUrlFor(filters);
  // Each filter change is a history entry, so back and forward step through them.
  const change = (next: ChatFilters) => setParams(filtersToParams(next));

  return (
    <>
      <PageHeader
        title={t("chats.title")}
        description={t("chats.description")}
        actions={
          <div className="inbox-tools">
            <ConnectionStatus />
            <AlertsToggle />
            {unread > 0 && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => markAllRead.mutate()}
                disabled={markAllRead.isPending}
              >
                {t("inbox.markAllRead")}
              </button>
            )}
          </div>
        }
      />
      <ChatFilterBar filters={filters} onChange={change} />

      {chats.isPending ? (
        <Loading label={t("chats.loading")} />
      ) : chats.isError && !chats.data ? (
        <ErrorState error={chats.error} onRetry={() => void chats.refetch()} />
      ) : rows.length === 0 ? (
        hasFilters(filters) && !filterName ? (
          <EmptyState title={t("inbox.empty.title")}>
            <p>{t("inbox.empty.text")}</p>
          </EmptyState>
        ) : (
          <EmptyState title={filterName ? t("chats.empty.titleFiltered", { name: filterName }) : t("chats.empty.title")}>
            <p>{filterName ? t("chats.empty.textFiltered") : t("chats.empty.text")}</p>
            {!filterName && <p>{t("chats.empty.start")}</p>}
          </EmptyState>
        )
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
