import type { KnowledgeState } from "../../../api/types";

/** Ingestion is over for now: nothing will change until someone refetches. */
export function isSettled(state: KnowledgeState): boolean {
  return state === "ready" || state === "failed";
}
