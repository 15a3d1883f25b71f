import { useTranslation } from "react-i18next";
import type { AssistantStatus } from "../../../api/types";

export function StatusBadge({ status }: { status: AssistantStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`assistants.status.${status}`)}</span>;
}
