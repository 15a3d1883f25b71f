import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { Assistant, TryResponse } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { FieldShell, TextAreaField } from "../../../components/Field";
import { useMessageText } from "../../../i18n/message";
import { useTryKnowledge } from "../api/retrieval";
import { excerpt } from "../lib/numbers";
import { ScoreList } from "./ScoreList";
import { SourceLink } from "./SourceLink";

const QUESTION_MAX = 4000;

function Results({ result }: { result: TryResponse }) {
  const { t } = useTranslation();
  if (result.data.length === 0) return <p className="try-it__empty">{t("knowledge.try.none")}</p>;
  return (
    <>
      <p className="card__subtitle">{result.mode === "hybrid" ? t("knowledge.try.modeHybrid") : t("knowledge.try.modeFullText")}</p>
      <ol className="chunks" aria-label={t("knowledge.try.results")}>
        {result.data.map((chunk) => (
          <li key={chunk.chunk_id} className="chunk">
            <p className="chunk__title">
              <SourceLink title={chunk.title} url={chunk.url} />
              {chunk.heading && <span className="chunk__heading">{chunk.heading}</span>}
            </p>
            <p className="chunk__text">{excerpt(chunk.text)}</p>
            <ScoreList scores={chunk} />
          </li>
        ))}
      </ol>
    </>
  );
}

/** "Try it": ask as a visitor would and see the chunks an assistant would be given. */
/** `preferred`: the assistant chosen at first (one that has sources, when any has). */
export function TryIt({ assistants, preferred }: { assistants: Assistant[]; preferred?: string | undefined }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const ask = useTryKnowledge();
  const [assistantId, setAssistantId] = useState(preferred ?? assistants[0]?.id ?? "");
  const [question, setQuestion] = useState("");

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!assistantId || !question.trim()) return;
    ask.mutate({ assistantId, question: question.trim() });
  }

  return (
    <section className="card" aria-labelledby="try-it-title">
      <div className="card__header">
        <h2 className="card__title" id="try-it-title">
          {t("knowledge.try.title")}
        </h2>
        <p className="card__subtitle">{t("knowledge.try.subtitle")}</p>
      </div>
      <form className="card__body form" onSubmit={submit}>
        <FieldShell id="try-assistant" label={t("knowledge.try.assistant")}>
          {(aria) => (
            <select id="try-assistant" className="input" value={assistantId} onChange={(e) => setAssistantId(e.target.value)} {...aria}>
              {assistants.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
        <TextAreaField
          id="try-question"
          label={t("knowledge.try.question")}
          rows={2}
          maxLength={QUESTION_MAX}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
        />
        <div>
          <button type="submit" className="button button--primary" disabled={ask.isPending || !assistantId || !question.trim()} aria-busy={ask.isPending}>
            {ask.isPending ? t("knowledge.try.asking") : t("knowledge.try.ask")}
          </button>
        </div>
        {ask.isError && <Alert tone="error">{text(describeError(ask.error))}</Alert>}
      </form>
      {ask.data && (
        <div className="card__body try-it__results" aria-live="polite">
          <Results result={ask.data} />
        </div>
      )}
    </section>
  );
}
