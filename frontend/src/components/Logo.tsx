import { useTranslation } from "react-i18next";

export function Logo({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="logo">
      <span className="logo__mark" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M7 4v16M17 4l-8 8 8 8" />
        </svg>
      </span>
      {!compact && <span className="logo__text">{t("app.name")}</span>}
    </span>
  );
}
