import { useTranslation } from "react-i18next";
import { useLiveState } from "../hooks/inboxContext";

/** Whether the list and transcripts are live, said in words (and a dot). */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const { connection } = useLiveState();
  return (
    <span className={`live-status live-status--${connection}`} role="status">
      {t(`inbox.connection.${connection}`)}
    </span>
  );
}
