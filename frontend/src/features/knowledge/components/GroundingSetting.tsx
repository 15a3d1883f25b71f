import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { describeError } from "../../../api/errors";
import { Alert } from "../../../components/Alert";
import { useMessageText } from "../../../i18n/message";
import { useCanManage } from "../../auth/hooks/useSession";
import { useKnowledgeSettings, useUpdateKnowledgeSettings } from "../api/retrieval";

/**
 * The assistant page's knowledge card: answer only from the knowledge base, or also
 * from general knowledge. A separate setting with its own endpoint, so it saves at
 * once rather than with the assistant's form.
 */
export function GroundingSetting({ assistantId }: { assistantId: string }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const canManage = useCanManage();
  const settings = useKnowledgeSettings(assistantId);
  const update = useUpdateKnowledgeSettings(assistantId);
  const value = update.isPending ? update.variables.knowledge_only : settings.data?.knowledge_only;
  const choices = [
    { only: true, label: t("knowledge.grounding.only"), hint: t("knowledge.grounding.onlyHint") },
    { only: false, label: t("knowledge.grounding.general"), hint: t("knowledge.grounding.generalHint") },
  ];
  return (
    <section className="card" aria-labelledby="grounding-title">
      <div className="card__header">
        <h2 className="card__title" id="grounding-title">
          {t("knowledge.grounding.title")}
        </h2>
      </div>
      <div className="card__body form">
        {settings.isError ? (
          <Alert tone="error">{text(describeError(settings.error))}</Alert>
        ) : (
          <fieldset className="choice-list" disabled={!canManage || settings.isPending || update.isPending} aria-busy={update.isPending}>
            <legend className="field__label">{t("knowledge.grounding.legend")}</legend>
            {choices.map((c) => (
              <label key={String(c.only)} className="choice" htmlFor={`grounding-${String(c.only)}`}>
                <input
                  id={`grounding-${String(c.only)}`}
                  type="radio"
                  name="grounding"
                  checked={value === c.only}
                  onChange={() => update.mutate({ knowledge_only: c.only })}
                  aria-describedby={`grounding-${String(c.only)}-hint`}
                />
                <span>
                  <span className="choice__label">{c.label}</span>
                  <span className="choice__hint" id={`grounding-${String(c.only)}-hint`}>
                    {c.hint}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {update.isError && <Alert tone="error">{text(describeError(update.error))}</Alert>}
        <p className="field__hint">
          <Trans i18nKey="knowledge.grounding.manage" components={{ page: <Link to="/knowledge" /> }} />
        </p>
      </div>
    </section>
  );
}
