import type { TFunction } from "i18next";
import type { KnowledgeSourceFailure } from "../../../api/types";
import { formatBytes } from "./numbers";

/**
 * A failure in the language on screen: the API stores a code with its numbers (an HTTP
 * status, a limit), never a sentence, so every reader gets their own words.
 */
export function failureSentence(failure: KnowledgeSourceFailure, t: TFunction, locale: string): string {
  if (failure.code === "http_status" && failure.status === 404) return t("knowledge.failure.http_status_404");
  const limit = failure.limit ?? 0;
  return t(`knowledge.failure.${failure.code}`, {
    status: failure.status ?? "",
    limit: new Intl.NumberFormat(locale).format(limit),
    size: formatBytes(limit, locale),
  });
}
