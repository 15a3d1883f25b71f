import { Trans, useTranslation } from "react-i18next";
import type { LauncherPosition } from "../../../api/types";
import { sixDigitColor } from "../hooks/useAssistantDraft";

/** A sketch of a page with the launcher in the chosen colour and corner. */
export function WidgetPreview({ color, position, greeting }: { color: string; position: LauncherPosition; greeting: string }) {
  const { t } = useTranslation();
  const shown = sixDigitColor(color);
  return (
    <figure className="widget-preview" aria-label={t("assistants.preview.label")}>
      <div className="widget-preview__page" aria-hidden="true">
        <div className="widget-preview__bar">
          <span />
          <span />
          <span />
        </div>
        <div className="widget-preview__lines">
          <span style={{ width: "60%" }} />
          <span style={{ width: "85%" }} />
          <span style={{ width: "72%" }} />
        </div>
        <div className={`widget-preview__corner widget-preview__corner--${position}`}>
          {greeting && <div className="widget-preview__bubble">{greeting}</div>}
          <div className="widget-preview__launcher" style={{ background: shown }}>
            <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="#fff" strokeWidth="2">
              <path d="M4 5h16v11H8l-4 4V5z" strokeLinejoin="round" />
            </svg>
          </div>
        </div>
      </div>
      <figcaption className="widget-preview__caption">
        <Trans i18nKey={`assistants.preview.${position}`} values={{ color: shown }} components={{ code: <code /> }} />
      </figcaption>
    </figure>
  );
}
