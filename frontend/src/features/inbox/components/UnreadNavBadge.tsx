import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import { useUnreadChats } from "../../chats/api/chats";

/** The navigation's count of chats with unread visitor messages (nothing when none), as the server keeps it. */
export function UnreadNavBadge() {
  const { t } = useTranslation();
  const format = useFormat();
  const count = useUnreadChats().data?.chats ?? 0;
  if (count === 0) return null;
  return (
    <span className="count-badge nav__badge">
      <span aria-hidden="true">{format.count(count)}</span>
      <span className="visually-hidden">{t("inbox.unreadChats", { count, n: format.count(count) })}</span>
    </span>
  );
}
