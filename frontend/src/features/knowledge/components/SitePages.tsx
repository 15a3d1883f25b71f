import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { KnowledgeSource } from "../../../api/types";
import { useFormat } from "../../../i18n/useFormat";
import { useSourcePages } from "../api/sources";
import { failureSentence } from "../lib/failures";

/**
 * A sitemap or crawl source's pages: how many were read, and (asked for when opened)
 * the ones that failed, each with its reason. A failed page loses nothing else.
 */
export function SitePages({ source }: { source: KnowledgeSource }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const ready = source.pages_ready ?? 0;
  const failed = source.pages_failed ?? 0;
  const pages = useSourcePages(source.id, open && failed > 0);
  if (source.pages_ready === undefined || ready + failed === 0) return null;
  return (
    <div className="source-pages">
      <p className="source-state__note">{t("knowledge.pages.summary", { count: ready + failed, n: format.count(ready + failed), ready: format.count(ready) })}</p>
      {failed > 0 && (
        <details onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{t("knowledge.pages.show", { count: failed, n: format.count(failed) })}</summary>
          {pages.isPending ? (
            <p className="table__muted">{t("knowledge.pages.loading")}</p>
          ) : (
            <ul className="source-pages__list">
              {(pages.data ?? [])
                .filter((p) => p.failure)
                .map((p) => (
                  <li key={p.url}>
                    <span className="break">{p.url}</span>: {p.failure && failureSentence(p.failure, t, format.locale)}
                  </li>
                ))}
            </ul>
          )}
        </details>
      )}
    </div>
  );
}
