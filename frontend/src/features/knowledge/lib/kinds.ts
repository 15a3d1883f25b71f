import type { KnowledgeKind } from "../../../api/types";

/** Sources read from the web: they can be fetched again, on demand or on a schedule. */
export function isWebSource(kind: KnowledgeKind): boolean {
  return kind === "url" || kind === "sitemap" || kind === "crawl";
}
