import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Assistant } from "../../../api/types";
import { embedWidget } from "../lib/embedWidget";

/**
 * A real chat with the assistant, as visitors get it: the platform's own widget drawn
 * inside the page. It starts on request only, since every start is a real chat (it is
 * listed under Chats and counted in analytics).
 */
export function LivePreview({ assistant }: { assistant: Assistant }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const paused = assistant.status === "paused";

  return (
    <section className="card" aria-labelledby="live-preview-title">
      <div className="card__header">
        <h2 className="card__title" id="live-preview-title">
          {t("assistants.live.title")}
        </h2>
        <p className="card__subtitle">{t("assistants.live.hint")}</p>
      </div>
      <div className="card__body stack">
        {paused ? (
          <p className="note note--warning">{t("assistants.live.paused")}</p>
        ) : open ? (
          <>
            {/* keyed on the saved version: a save redraws the widget with the new settings */}
            <EmbeddedWidget key={assistant.updated_at} assistantId={assistant.id} />
            <button type="button" className="button button--secondary button--small" onClick={() => setOpen(false)}>
              {t("assistants.live.close")}
            </button>
          </>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
            {t("assistants.live.start")}
          </button>
        )}
      </div>
    </section>
  );
}

function EmbeddedWidget({ assistantId }: { assistantId: string }) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const lang = i18n.resolvedLanguage ?? "en";
  useEffect(() => {
    if (!box.current) return;
    return embedWidget(box.current, { assistantId, lang });
  }, [assistantId, lang]);
  return <div ref={box} className="live-preview" role="group" aria-label={t("assistants.live.frame")} />;
}
