import { Trans, useTranslation } from "react-i18next";
import type { Assistant } from "../../../api/types";
import { CopyButton } from "../../../components/CopyButton";

/** The one-line snippet customers paste into their pages, with Copy. */
export function EmbedSnippet({ assistant }: { assistant: Assistant }) {
  const { t } = useTranslation();
  const noOrigins = assistant.allowed_origins.length === 0;
  return (
    <section className="card" aria-labelledby="embed-title">
      <div className="card__header">
        <h2 className="card__title" id="embed-title">
          {t("assistants.embed.title")}
        </h2>
        <p className="card__subtitle">
          <Trans i18nKey="assistants.embed.hint" components={{ tag: <code>{"</body>"}</code> }} />
        </p>
      </div>
      <div className="card__body stack">
        <pre className="snippet" role="region" aria-label={t("assistants.embed.snippet")} tabIndex={0}>
          <code>{assistant.embed_snippet}</code>
        </pre>
        <div className="snippet__actions">
          <CopyButton text={assistant.embed_snippet} label={t("assistants.embed.copy")} />
        </div>
        {noOrigins ? (
          <p className="note note--warning">{t("assistants.embed.noOrigins")}</p>
        ) : (
          <p className="note">
            {t("assistants.embed.worksOn")}{" "}
            {assistant.allowed_origins.map((o, i) => (
              <span key={o}>
                {i > 0 && ", "}
                <code>{o}</code>
              </span>
            ))}
            . {t("assistants.embed.emptyMeans")}
          </p>
        )}
        {assistant.status === "paused" && <p className="note note--warning">{t("assistants.embed.paused")}</p>}
      </div>
    </section>
  );
}
