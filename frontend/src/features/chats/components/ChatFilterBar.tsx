import { useId, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAssistants } from "../../assistants/api/assistants";
import { AssistantOptions } from "../../assistants/components/AssistantOptions";
import { useMembers } from "../../team/api/team";
import { CHAT_STATES, hasFilters, IDENTITIES, NO_FILTERS, type ChatFilters } from "../lib/filters";

/**
 * The chats list's filters: state, assignee, assistant, active days and a search in
 * message text. Each change is a new URL (see ../lib/filters.ts); the search is sent
 * on Enter or with its button, not on every key.
 */
export function ChatFilterBar({ filters, onChange }: { filters: ChatFilters; onChange: (next: ChatFilters) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const assistants = useAssistants();
  const members = useMembers();
  const [query, setQuery] = useState(filters.q ?? "");
  // A new URL (back/forward) shows its own search text.
  const [shownQ, setShownQ] = useState(filters.q);
  if (shownQ !== filters.q) {
    setShownQ(filters.q);
    setQuery(filters.q ?? "");
  }
  const set = (patch: Partial<ChatFilters>) => onChange({ ...filters, ...patch });
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    set({ q: query.trim() || null });
  };

  return (
    <div className="filters" role="group" aria-label={t("inbox.filters.label")}>
      <form className="filters__search" role="search" onSubmit={search}>
        <label htmlFor={`${id}-q`} className="visually-hidden">
          {t("inbox.filters.search")}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className="input"
          value={query}
          maxLength={200}
          placeholder={t("inbox.filters.searchPlaceholder")}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {t("inbox.filters.searchButton")}
        </button>
      </form>
      <div className="filters__row">
        <div className="filters__field">
          <label htmlFor={`${id}-state`} className="toolbar__label">
            {t("inbox.filters.state")}
          </label>
          <select
            id={`${id}-state`}
            className="input select"
            value={filters.state ?? ""}
            onChange={(e) => set({ state: CHAT_STATES.find((s) => s === e.target.value) ?? null })}
          >
            <option value="">{t("inbox.filters.anyState")}</option>
            {CHAT_STATES.map((state) => (
              <option key={state} value={state}>
                {t(`inbox.states.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor={`${id}-assignee`} className="toolbar__label">
            {t("inbox.filters.assignee")}
          </label>
          <select
            id={`${id}-assignee`}
            className="input select"
            value={filters.assignee ?? ""}
            onChange={(e) => set({ assignee: e.target.value || null })}
          >
            <option value="">{t("inbox.filters.anyone")}</option>
            <option value="me">{t("inbox.filters.me")}</option>
            {filters.assignee && filters.assignee !== "me" && !members.data?.data.some((m) => m.user_id === filters.assignee) && (
              <option value={filters.assignee}>{t("inbox.filters.unknownMember")}</option>
            )}
            {members.data?.data.map((m) => (
              <option key={m.user_id} value={m.user_id}>
                {m.full_name}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor={`${id}-assistant`} className="toolbar__label">
            {t("chats.filter")}
          </label>
          <select
            id={`${id}-assistant`}
            className="input select"
            value={filters.assistantId ?? ""}
            onChange={(e) => set({ assistantId: e.target.value || null })}
            disabled={assistants.isPending}
          >
            <AssistantOptions selected={filters.assistantId} assistants={assistants.data} loading={assistants.isPending} />
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor={`${id}-identity`} className="toolbar__label">
            {t("chats.identity.filter")}
          </label>
          <select
            id={`${id}-identity`}
            className="input select"
            value={filters.identity ?? ""}
            onChange={(e) => set({ identity: IDENTITIES.find((i) => i === e.target.value) ?? null })}
          >
            <option value="">{t("chats.identity.anyVisitor")}</option>
            <option value="verified">{t("chats.identity.verified")}</option>
            <option value="unverified">{t("chats.identity.notVerified")}</option>
          </select>
        </div>
        <div className="filters__field">
          <label htmlFor={`${id}-from`} className="toolbar__label">
            {t("inbox.filters.from")}
          </label>
          <input
            id={`${id}-from`}
            type="date"
            className="input"
            value={filters.from ?? ""}
            max={filters.to ?? undefined}
            onChange={(e) => set({ from: e.target.value || null })}
          />
        </div>
        <div className="filters__field">
          <label htmlFor={`${id}-to`} className="toolbar__label">
            {t("inbox.filters.to")}
          </label>
          <input
            id={`${id}-to`}
            type="date"
            className="input"
            value={filters.to ?? ""}
            min={filters.from ?? undefined}
            onChange={(e) => set({ to: e.target.value || null })}
          />
        </div>
        {hasFilters(filters) && (
          <button type="button" className="button button--ghost filters__clear" onClick={() => onChange(NO_FILTERS)}>
            {t("inbox.filters.clear")}
          </button>
        )}
      </div>
    </div>
  );
}
