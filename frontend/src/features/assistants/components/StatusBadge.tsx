import type { AssistantStatus } from "../../../api/types";

export function StatusBadge({ status }: { status: AssistantStatus }) {
  return <span className={`badge badge--${status}`}>{status === "active" ? "Active" : "Paused"}</span>;
}
