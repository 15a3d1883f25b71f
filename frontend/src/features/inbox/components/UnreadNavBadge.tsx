import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import { useLiveState } from "../hooks/inboxContext";
import { unreadChats } from "../lib/liveStore";

/** The navigation's count of chats with unread visitor messages (nothing when none). */
export function UnreadNavBadge() {
  const { t } = useTranslation();
  const format = useFormat();
  const count = unreadChats(useLiveState());
  if (count === 0) return null;
  return (
    <span className="count-badge nav__badge">
      <span aria-hidden="true">{format.count(count)}</span>
      <span className="visually-hidden">{t("inbox.unreadChats", { count, n: format.count(count) })}</span>
    </span>
  );
}
