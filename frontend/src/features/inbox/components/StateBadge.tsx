import { useTranslation } from "react-i18next";
import type { ChatState } from "../../../api/types";

const TONE: Record<ChatState, string> = {
  open: "badge--active",
  needs_human: "badge--paused",
  assigned: "badge--info",
  resolved: "badge--neutral",
};

/** Who answers the chat: the assistant, nobody yet, a member, or nobody (resolved). */
export function StateBadge({ state }: { state: ChatState }) {
  const { t } = useTranslation();
  return <span className={`badge ${TONE[state]}`}>{t(`inbox.states.${state}`)}</span>;
}
