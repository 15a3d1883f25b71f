import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { Chat } from "../../../api/types";
import { useMessageText } from "../../../i18n/message";
import { useFormat } from "../../../i18n/useFormat";
import { useSession } from "../../auth/hooks/useSession";
import { StateBadge } from "../../inbox/components/StateBadge";
import { useMembers } from "../../team/api/team";
import { useHandoff, type HandoffAction } from "../api/chats";

/**
 * Who answers the visitor, and the buttons that change it. Every member role may take
 * over, assign, hand back and resolve (the API's rule); which buttons show follows
 * the chat's state: nobody takes over a chat another member has, only a chat a
 * person has or was asked for goes back to the assistant.
 */
export function HandoffPanel({ chat }: { chat: Chat }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const format = useFormat();
  const id = useId();
  const me = useSession().user.id;
  const members = useMembers();
  const handoff = useHandoff(chat.id);
  const [assignTo, setAssignTo] = useState("");
  const mine = chat.state === "assigned" && chat.assignee_id === me;
  const run = (action: HandoffAction) => handoff.mutate(action);
  const pending = handoff.isPending;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card__header">
        <h2 className="card__title" id={`${id}-title`}>
          {t("inbox.handoff.title")}
        </h2>
      </div>
      <div className="card__body handoff">
        <p className="handoff__state">
          <StateBadge state={chat.state} />
          <span>
            {chat.state === "assigned"
              ? mine
                ? t("inbox.handoff.assignedToYou")
                : t("inbox.handoff.assignedTo", { name: chat.assignee_name ?? t("inbox.history.formerMember") })
              : t(`inbox.handoff.explain.${chat.state}`)}
          </span>
        </p>
        <p className="handoff__since">{t("inbox.handoff.since", { time: format.dateTime(chat.state_changed_at) })}</p>
        {chat.visitor_email && (
          <p className="handoff__email">
            {t("inbox.handoff.visitorEmail")} <a href={`mailto:${chat.visitor_email}`}>{chat.visitor_email}</a>
          </p>
        )}
        <div className="handoff__actions">
          {chat.state !== "assigned" && (
            <button type="button" className="button button--primary" disabled={pending} onClick={() => run({ kind: "take-over" })}>
              {t("inbox.handoff.takeOver")}
            </button>
          )}
          {(chat.state === "assigned" || chat.state === "needs_human") && (
            <button type="button" className="button button--secondary" disabled={pending} onClick={() => run({ kind: "hand-back" })}>
              {t("inbox.handoff.handBack")}
            </button>
          )}
          {chat.state !== "resolved" && (
            <button type="button" className="button button--secondary" disabled={pending} onClick={() => run({ kind: "resolve" })}>
              {t("inbox.handoff.resolve")}
            </button>
          )}
        </div>
        <form
          className="handoff__assign"
          onSubmit={(e) => {
            e.preventDefault();
            if (assignTo) run({ kind: "assign", memberId: assignTo });
          }}
        >
          <label htmlFor={`${id}-member`} className="toolbar__label">
            {t("inbox.handoff.assignTo")}
          </label>
          <div className="handoff__assign-row">
            <select
              id={`${id}-member`}
              className="input select"
              value={assignTo}
              disabled={members.isPending || pending}
              onChange={(e) => setAssignTo(e.target.value)}
            >
              <option value="">{members.isPending ? t("common.loading") : t("inbox.handoff.chooseMember")}</option>
              {members.data?.data.map((m) => (
                <option key={m.user_id} value={m.user_id}>
                  {m.user_id === me ? t("inbox.handoff.memberYou", { name: m.full_name }) : m.full_name}
                </option>
              ))}
            </select>
            <button type="submit" className="button button--secondary" disabled={!assignTo || pending}>
              {t("inbox.handoff.assign")}
            </button>
          </div>
        </form>
        {handoff.isError && (
          <p className="field__error" role="alert">
            {text(describeError(handoff.error))}
          </p>
        )}
      </div>
    </section>
  );
}
