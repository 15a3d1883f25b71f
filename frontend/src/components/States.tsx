import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, describeError } from "../api/errors";
import { useMessageText } from "../i18n/message";

export function Loading({ label }: { label: string }) {
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

interface EmptyProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ title, children, action }: EmptyProps) {
  return (
    <section className="state state--empty" aria-label={title}>
      <div className="state__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M4 5h16v11H8l-4 4V5z" strokeLinejoin="round" />
        </svg>
      </div>
      <h2 className="state__title">{title}</h2>
      {children && <div className="state__text">{children}</div>}
      {action && <div className="state__action">{action}</div>}
    </section>
  );
}

interface ErrorProps {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}

export function ErrorState({ error, onRetry, title }: ErrorProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const offline = error instanceof ApiError && error.isNetworkError;
  return (
    <section className="state state--error" role="alert">
      <h2 className="state__title">{title ?? (offline ? t("states.offlineTitle") : t("states.errorTitle"))}</h2>
      <p className="state__text">{text(describeError(error))}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t("common.tryAgain")}
        </button>
      )}
    </section>
  );
}

interface NotFoundProps {
  title?: string;
  children?: ReactNode;
  /** Where to go from here: the list the missing thing belonged to, or the home page. */
  back?: { to: string; label: string };
}

export function NotFound({ title, children, back }: NotFoundProps) {
  const { t } = useTranslation();
  return (
    <section className="state state--notfound" aria-labelledby="not-found-title">
      <p className="state__code" aria-hidden="true">
        404
      </p>
      <h1 className="state__title" id="not-found-title">
        {title ?? t("states.notFoundTitle")}
      </h1>
      <div className="state__text">{children ?? <p>{t("states.notFoundText")}</p>}</div>
      <div className="state__action">
        <Link className="button button--secondary" to={back?.to ?? "/analytics"}>
          {back?.label ?? t("states.goHome")}
        </Link>
      </div>
    </section>
  );
}
