import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { Assistant } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { CopyButton } from "../../../components/CopyButton";
import { useMessageText } from "../../../i18n/message";
import { useIdentitySecret } from "../api/identity";

/** How the host's server signs a user id, in the two languages most hosts have. */
const HASH_SNIPPETS = {
  node: `crypto.createHmac("sha256", process.env.KREMNA_IDENTITY_SECRET).update(String(user.id)).digest("hex")`,
  python: `hmac.new(os.environ["KREMNA_IDENTITY_SECRET"].encode(), str(user.id).encode(), hashlib.sha256).hexdigest()`,
  page: `Kremna.identify({ userId: "…", name: "…", email: "…", userHash: "…" })`,
};

/**
 * Identity verification for the widget (admins): the secret a host's server signs its
 * users' ids with, revealed, copied, rotated or removed, and how to use it.
 */
export function IdentitySecret({ assistant }: { assistant: Assistant }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const secret = useIdentitySecret(assistant.id);
  const [shown, setShown] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"rotate" | "remove" | null>(null);
  const on = assistant.identity_verification;

  const run = (action: "reveal" | "rotate" | "remove") =>
    secret.mutate(action, {
      onSuccess: (s) => {
        setShown(s);
        setConfirm(null);
      },
    });

  return (
    <section className="card" aria-labelledby="identity-title">
      <div className="card__header card__header--row">
        <h2 className="card__title" id="identity-title">
          {t("assistants.identity.title")}
        </h2>
        <span className={`badge ${on ? "badge--active" : "badge--neutral"}`}>{on ? t("assistants.identity.on") : t("assistants.identity.off")}</span>
      </div>
      <div className="card__body stack">
        <p className="note">
          <Trans i18nKey="assistants.identity.hint" components={{ code: <code /> }} />
        </p>
        {shown && (
          <div role="status" className="stack">
            <code className="mono-chip break" data-testid="identity-secret">
              {shown}
            </code>
            <div className="snippet__actions">
              <CopyButton text={shown} label={t("assistants.identity.copy")} />
              <button type="button" className="button button--ghost button--small" onClick={() => setShown(null)}>
                {t("assistants.identity.hide")}
              </button>
            </div>
          </div>
        )}
        <div className="form__actions">
          {on ? (
            <>
              {!shown && (
                <button type="button" className="button button--secondary button--small" disabled={secret.isPending} onClick={() => run("reveal")}>
                  {t("assistants.identity.reveal")}
                </button>
              )}
              <button type="button" className="button button--secondary button--small" onClick={() => setConfirm("rotate")}>
                {t("assistants.identity.rotate")}
              </button>
              <button type="button" className="button button--danger-outline button--small" onClick={() => setConfirm("remove")}>
                {t("assistants.identity.remove")}
              </button>
            </>
          ) : (
            <button type="button" className="button button--primary button--small" disabled={secret.isPending} onClick={() => run("rotate")}>
              {t("assistants.identity.generate")}
            </button>
          )}
        </div>
        {secret.isError && !confirm && <Alert tone="error">{text(describeError(secret.error))}</Alert>}
        <h3 className="section-title">{t("assistants.identity.howTitle")}</h3>
        <p className="note">{t("assistants.identity.howServer")}</p>
        <pre className="snippet" role="region" aria-label={t("assistants.identity.node")} tabIndex={0}>
          <code>{HASH_SNIPPETS.node}</code>
        </pre>
        <pre className="snippet" role="region" aria-label={t("assistants.identity.python")} tabIndex={0}>
          <code>{HASH_SNIPPETS.python}</code>
        </pre>
        <p className="note">{t("assistants.identity.howPage")}</p>
        <pre className="snippet" role="region" aria-label={t("assistants.identity.page")} tabIndex={0}>
          <code>{HASH_SNIPPETS.page}</code>
        </pre>
      </div>
      {confirm && (
        <ConfirmDialog
          tone={confirm === "rotate" ? "primary" : "danger"}
          title={t(`assistants.identity.${confirm}Title`)}
          confirmLabel={t(`assistants.identity.${confirm}`)}
          pendingLabel={t("assistants.identity.pending")}
          pending={secret.isPending}
          error={secret.isError ? text(describeError(secret.error)) : null}
          onCancel={() => {
            setConfirm(null);
            secret.reset();
          }}
          onConfirm={() => run(confirm)}
        >
          <p>{t(`assistants.identity.${confirm}Body`)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
