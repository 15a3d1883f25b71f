import { useTranslation } from "react-i18next";
import type { ChatEvent } from "../../../api/types";
import { useFormat } from "../../../i18n/useFormat";

/** One stored state change in the transcript: "Ayşe took over at 14:02". */
export function StateEventItem({ event }: { event: ChatEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  const values = {
    actor: event.actor_name ?? t("inbox.history.formerMember"),
    assignee: event.assignee_name ?? t("inbox.history.formerMember"),
    time: format.clock(event.created_at),
  };
  return (
    <li className="state-event" title={format.dateTime(event.created_at)}>
      {t(`inbox.history.${event.kind}`, values)}
    </li>
  );
}
