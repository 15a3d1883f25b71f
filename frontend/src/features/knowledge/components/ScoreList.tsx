import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import { formatScore } from "../lib/numbers";

interface Scores {
  score: number;
  text_rank?: number | null;
  vector_score?: number | null;
}

/**
 * A retrieved chunk's scores: the fused (or full-text) score that ranked it, and the
 * two rankings behind it when each found it. Shared by "try it" and the transcript.
 */
export function ScoreList({ scores }: { scores: Scores }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return (
    <dl className="scores">
      <div>
        <dt>{t("knowledge.scores.score")}</dt>
        <dd>{formatScore(scores.score, locale)}</dd>
      </div>
      <div>
        <dt>{t("knowledge.scores.textRank")}</dt>
        <dd>{scores.text_rank == null ? t("knowledge.scores.notFound") : formatScore(scores.text_rank, locale)}</dd>
      </div>
      <div>
        <dt>{t("knowledge.scores.vector")}</dt>
        <dd>{scores.vector_score == null ? t("knowledge.scores.notFound") : formatScore(scores.vector_score, locale)}</dd>
      </div>
    </dl>
  );
}
