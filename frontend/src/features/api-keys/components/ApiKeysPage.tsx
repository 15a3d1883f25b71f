import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { ApiKey, CreatedApiKey } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { CopyButton } from "../../../components/CopyButton";
import { FieldShell, TextField } from "../../../components/Field";
import { PageHeader } from "../../../components/PageHeader";
import { RelativeTime } from "../../../components/RelativeTime";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useToast } from "../../../components/toastContext";
import { message, useMessageText } from "../../../i18n/message";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "../api/apiKeys";

/** The form for a new key; on success the parent shows the secret once. */
function NewKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const create = useCreateApiKey();
  const [name, setName] = useState("");
  const [access, setAccess] = useState<"read" | "write">("read");
  const [expires, setExpires] = useState("");

  function submit(event: SubmitEvent) {
    event.preventDefault();
    create.mutate(
      {
        name: name.trim(),
        access,
        // The end of the chosen day, in the user's own timezone.
        ...(expires ? { expires_at: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      },
      {
        onSuccess: (created) => {
          setName("");
          setExpires("");
          onCreated(created);
        },
      },
    );
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-key-title">
      <div className="card__header">
        <h2 className="card__title" id="new-key-title">
          {t("apiKeys.new")}
        </h2>
      </div>
      <div className="card__body form">
        <TextField id="key-name" label={t("apiKeys.name")} hint={t("apiKeys.nameHint")} value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
        <FieldShell id="key-access" label={t("apiKeys.access")}>
          {(aria) => (
            <select id="key-access" className="input" value={access} onChange={(e) => setAccess(e.target.value === "write" ? "write" : "read")} {...aria}>
              <option value="read">{t("apiKeys.accessRead")}</option>
              <option value="write">{t("apiKeys.accessWrite")}</option>
            </select>
          )}
        </FieldShell>
        <TextField id="key-expires" type="date" label={t("apiKeys.expires")} hint={t("apiKeys.expiresHint")} optional value={expires} onChange={(e) => setExpires(e.target.value)} />
        {create.isError && (
          <Alert tone="error">{text(describeError(create.error))}</Alert>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={create.isPending || name.trim() === ""}>
            {create.isPending ? t("apiKeys.creating") : t("apiKeys.create")}
          </button>
        </div>
      </div>
    </form>
  );
}

function RevokeButton({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const toast = useToast();
  const revoke = useRevokeApiKey();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--danger-outline button--small" aria-label={t("apiKeys.revoke.label", { name: apiKey.name })} onClick={() => setOpen(true)}>
        {t("apiKeys.revoke.button")}
      </button>
      {open && (
        <ConfirmDialog
          title={t("apiKeys.revoke.confirmTitle", { name: apiKey.name })}
          confirmLabel={t("apiKeys.revoke.button")}
          pendingLabel={t("apiKeys.revoke.pending")}
          pending={revoke.isPending}
          error={revoke.isError ? text(describeError(revoke.error)) : null}
          onCancel={() => {
            setOpen(false);
            revoke.reset();
          }}
          onConfirm={() =>
            revoke.mutate(apiKey.id, {
              onSuccess: () => {
                setOpen(false);
                toast(message("apiKeys.revoke.done", { name: apiKey.name }));
              },
            })
          }
        >
          <p>{t("apiKeys.revoke.confirmBody")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function KeysTable({ keys }: { keys: ApiKey[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap table-wrap--cards">
      <table className="table table--cards" aria-label={t("apiKeys.table.label")}>
        <thead>
          <tr>
            <th scope="col">{t("apiKeys.table.name")}</th>
            <th scope="col">{t("apiKeys.table.prefix")}</th>
            <th scope="col">{t("apiKeys.table.access")}</th>
            <th scope="col">{t("apiKeys.table.lastUsed")}</th>
            <th scope="col">{t("apiKeys.table.status")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("apiKeys.table.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td className="table__cell--primary">
                <span className="table__title">{k.name}</span>
              </td>
              <td data-label={t("apiKeys.table.prefix")}>
                <code className="mono-chip">{k.prefix}…</code>
              </td>
              <td data-label={t("apiKeys.table.access")}>{k.access === "write" ? t("apiKeys.accessWrite") : t("apiKeys.accessRead")}</td>
              <td className="table__muted" data-label={t("apiKeys.table.lastUsed")}>
                {k.last_used_at ? <RelativeTime value={k.last_used_at} /> : t("apiKeys.table.never")}
              </td>
              <td data-label={t("apiKeys.table.status")}>
                <span className={`badge badge--${k.status === "active" ? "active" : k.status === "revoked" ? "danger" : "neutral"}`}>{t(`apiKeys.status.${k.status}`)}</span>
              </td>
              <td className="table__actions">{k.status === "active" && <RevokeButton apiKey={k} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Settings → API keys: create (secret shown once), list with last use, revoke. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const keys = useApiKeys();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  return (
    <>
      <PageHeader title={t("apiKeys.title")} description={t("apiKeys.description")} />
      {created && (
        <section className="card" aria-labelledby="secret-title" role="status">
          <div className="card__header">
            <h2 className="card__title" id="secret-title">
              {t("apiKeys.secretTitle")}
            </h2>
            <p className="card__subtitle">{t("apiKeys.secretBody")}</p>
          </div>
          <div className="card__body">
            <code className="mono-chip" data-testid="api-key-secret">
              {created.secret}
            </code>{" "}
            <CopyButton text={created.secret} label={t("apiKeys.copy")} />
          </div>
        </section>
      )}
      <NewKeyForm onCreated={setCreated} />
      {keys.isPending ? (
        <Loading label={t("apiKeys.loading")} />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <EmptyState title={t("apiKeys.empty.title")}>
          <p>{t("apiKeys.empty.body")}</p>
        </EmptyState>
      ) : (
        <KeysTable keys={keys.data} />
      )}
    </>
  );
}
