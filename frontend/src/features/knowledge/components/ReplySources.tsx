import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useFormat } from "../../../i18n/useFormat";
import { useChatSources } from "../api/retrieval";
import { excerpt } from "../lib/numbers";
import { ScoreList } from "./ScoreList";
import { SourceLink } from "./SourceLink";

/**
 * Under a reply in the transcript: the sources it was given and, on request, the chunks
 * with their scores, so an admin sees why the assistant said what it said. The chat's
 * citations come in one request (shared by every reply through the query cache); the
 * chat is the page's (`/chats/:id`), which keeps the transcript's own code unchanged.
 */
export function ReplySources({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { id: chatId = "" } = useParams();
  const sources = useChatSources(chatId);
  const cited = sources.data?.filter((s) => s.message_id === messageId) ?? [];
  if (cited.length === 0) return null;
  // Several chunks of one source are cited once in the summary line.
  const titles = [...new Map(cited.map((s) => [s.source_id ?? s.title, s])).values()];
  return (
    <div className="reply-sources">
      <p className="reply-sources__summary">
        <span className="reply-sources__label">{t("knowledge.transcript.sources")}</span>{" "}
        {titles.map((s, i) => (
          <span key={s.rank}>
            {i > 0 && ", "}
            <SourceLink title={s.title} url={s.url} />
          </span>
        ))}
      </p>
      <details className="reply-sources__details">
        <summary>{t("knowledge.transcript.chunks", { count: cited.length, n: format.count(cited.length) })}</summary>
        <ol className="chunks">
          {cited.map((s) => (
            <li key={s.rank} className="chunk">
              <p className="chunk__title">
                <span className="chunk__rank">#{s.rank}</span> <SourceLink title={s.title} url={s.url} />
                {s.heading && <span className="chunk__heading">{s.heading}</span>}
              </p>
              {s.text ? <p className="chunk__text">{excerpt(s.text, 600)}</p> : <p className="chunk__gone">{t("knowledge.transcript.gone")}</p>}
              <ScoreList scores={s} />
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
