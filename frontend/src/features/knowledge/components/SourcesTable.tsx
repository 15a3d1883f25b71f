import { useTranslation } from "react-i18next";
import type { Assistant, KnowledgeSource } from "../../../api/types";
import { RelativeTime } from "../../../components/RelativeTime";
import { useFormat } from "../../../i18n/useFormat";
import { SitePages } from "./SitePages";
import { SourceActions } from "./SourceActions";
import { StateBadge } from "./StateBadge";

interface Props {
  sources: KnowledgeSource[];
  assistants: Assistant[];
  canManage: boolean;
}

/** The workspace's sources with their ingestion state; cards on a phone. */
export function SourcesTable({ sources, assistants, canManage }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = new Map(assistants.map((a) => [a.id, a.name]));
  return (
    <div className="table-wrap table-wrap--cards">
      <table className="table table--cards" aria-label={t("knowledge.table.label")}>
        <thead>
          <tr>
            <th scope="col">{t("knowledge.table.title")}</th>
            <th scope="col">{t("knowledge.table.kind")}</th>
            <th scope="col">{t("knowledge.table.language")}</th>
            <th scope="col">{t("knowledge.table.state")}</th>
            <th scope="col" className="table__num">
              {t("knowledge.table.chunks")}
            </th>
            <th scope="col">{t("knowledge.table.refreshed")}</th>
            <th scope="col">{t("knowledge.table.assistants")}</th>
            {canManage && (
              <th scope="col">
                <span className="visually-hidden">{t("knowledge.table.actions")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id} data-source-id={s.id}>
              <td className="table__cell--primary">
                <span className="table__title">{s.title}</span>
                {s.url && (
                  <a className="table__secondary break" href={s.url} target="_blank" rel="noreferrer noopener">
                    {s.url}
                  </a>
                )}
              </td>
              <td data-label={t("knowledge.table.kind")}>{t(`knowledge.kind.${s.kind}`)}</td>
              <td data-label={t("knowledge.table.language")}>
                {t(`knowledge.language.${s.language}`)}
                {s.auto_language && <span className="table__muted"> {t("knowledge.language.detected")}</span>}
              </td>
              <td data-label={t("knowledge.table.state")}>
                <StateBadge source={s} />
                <SitePages source={s} />
              </td>
              <td className="table__num" data-label={t("knowledge.table.chunks")}>
                {format.count(s.chunk_count)}
              </td>
              <td className="table__muted" data-label={t("knowledge.table.refreshed")}>
                {s.refreshed_at ? <RelativeTime value={s.refreshed_at} /> : t("knowledge.table.never")}
                {s.refetch && <span className="table__secondary">{t(`knowledge.refetch.${s.refetch}`)}</span>}
              </td>
              <td data-label={t("knowledge.table.assistants")}>
                {s.assistant_ids.length === 0 ? (
                  <span className="table__muted">{t("knowledge.table.noAssistants")}</span>
                ) : (
                  <ul className="chip-list">
                    {s.assistant_ids.map((id) => (
                      <li key={id} className="chip">
                        {names.get(id) ?? t("knowledge.table.unknownAssistant")}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              {canManage && (
                <td className="table__actions">
                  <SourceActions source={s} assistants={assistants} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
