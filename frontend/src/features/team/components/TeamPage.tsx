import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { CreatedInvitation, Member, MemberRole } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { CopyButton } from "../../../components/CopyButton";
import { TextField } from "../../../components/Field";
import { PageHeader } from "../../../components/PageHeader";
import { RelativeTime } from "../../../components/RelativeTime";
import { ErrorState, Loading } from "../../../components/States";
import { useMessageText } from "../../../i18n/message";
import { checkEmail } from "../../../lib/textRules";
import { useSession } from "../../auth/hooks/useSession";
import { useChangeRole, useCreateInvitation, useInvitations, useMembers, useRemoveMember, useRevokeInvitation } from "../api/team";
import { assignableRoles, canChange } from "../lib/rules";

function MemberRow({ member, me, myRole }: { member: Member; me: string; myRole: MemberRole }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const [confirming, setConfirming] = useState(false);
  const editable = canChange(myRole, member.role);
  const error = changeRole.error ?? (confirming ? null : remove.error);
  return (
    <tr>
      <td className="table__cell--primary">
        <span className="table__primary-text">
          <span className="table__title">
            {member.full_name}
            {member.user_id === me && <span className="table__secondary"> {t("team.you")}</span>}
          </span>
          <span className="table__secondary">{member.email}</span>
        </span>
      </td>
      <td data-label={t("team.members.role")}>
        {editable ? (
          <select
            className="input input--compact"
            aria-label={t("team.members.roleOf", { name: member.full_name })}
            value={member.role}
            disabled={changeRole.isPending}
            onChange={(e) => changeRole.mutate({ userId: member.user_id, role: e.target.value as MemberRole })}
          >
            {assignableRoles(myRole, member.role).map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        ) : (
          <span className={`role role--${member.role}`}>{t(`roles.${member.role}`)}</span>
        )}
        {error && <p className="field__error" role="alert">{text(describeError(error))}</p>}
      </td>
      <td className="table__muted" data-label={t("team.members.joined")}>
        <RelativeTime value={member.joined_at} />
      </td>
      <td className="table__actions">
        {editable && (
          <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(true)} aria-label={t("team.members.removeName", { name: member.full_name })}>
            {t("team.members.remove")}
          </button>
        )}
        {confirming && (
          <ConfirmDialog
            title={t("team.members.removeTitle", { name: member.full_name })}
            confirmLabel={t("team.members.remove")}
            pending={remove.isPending}
            pendingLabel={t("common.deleting")}
            error={remove.error ? text(describeError(remove.error)) : null}
            onCancel={() => {
              remove.reset();
              setConfirming(false);
            }}
            onConfirm={() => remove.mutate(member.user_id, { onSuccess: () => setConfirming(false) })}
          >
            <p>{t("team.members.removeBody")}</p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

function InviteForm({ myRole }: { myRole: MemberRole }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const create = useCreateInvitation();
  const [role, setRole] = useState<MemberRole>("agent");
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string | undefined>();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const problem = email.trim() ? checkEmail(email) : null;
    if (problem) {
      setEmailError(text(problem));
      return;
    }
    setEmailError(undefined);
    create.mutate(
      { role, ...(email.trim() ? { email: email.trim() } : {}) },
      {
        onSuccess: (answer) => {
          setCreated(answer);
          setEmail("");
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 className="card__title" id="invite-title">
        {t("team.invite.title")}
      </h2>
      <p className="card__description">{t("team.invite.description")}</p>
      <form className="form form--inline" onSubmit={onSubmit} noValidate aria-label={t("team.invite.title")}>
        <div className="field">
          <label className="field__label" htmlFor="invite-role">
            {t("team.invite.role")}
          </label>
          <select id="invite-role" className="input" value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
            {assignableRoles(myRole, "agent").map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField id="invite-email" label={t("team.invite.email")} optional type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={emailError} maxLength={254} />
        <button type="submit" className="button button--primary" disabled={create.isPending} aria-busy={create.isPending}>
          {t("team.invite.submit")}
        </button>
      </form>
      {create.error && <Alert tone="error">{text(describeError(create.error))}</Alert>}
      {created && (
        <div className="invite-link" role="status">
          <p>{t("team.invite.created", { role: t(`roles.${created.invitation.role}`) })}</p>
          <code className="mono-chip invite-link__url" data-testid="invite-url">
            {created.url}
          </code>
          <CopyButton text={created.url} label={t("team.invite.copy")} />
        </div>
      )}
    </section>
  );
}

function PendingInvitations() {
  const { t } = useTranslation();
  const text = useMessageText();
  const invitations = useInvitations(true);
  const revoke = useRevokeInvitation();
  if (invitations.isPending) return <Loading label={t("team.pending.loading")} />;
  if (invitations.isError) return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 className="card__title" id="pending-title">
        {t("team.pending.title")}
      </h2>
      {invitations.data.data.length === 0 ? (
        <p className="card__description">{t("team.pending.empty")}</p>
      ) : (
        <ul className="list">
          {invitations.data.data.map((i) => (
            <li key={i.id} className="list__row">
              <span>
                <span className={`role role--${i.role}`}>{t(`roles.${i.role}`)}</span> {i.email ?? t("team.pending.noEmail")}{" "}
                <span className="table__muted">
                  {t("team.pending.expires")} <RelativeTime value={i.expires_at} />
                </span>
              </span>
              <button type="button" className="button button--ghost button--small" disabled={revoke.isPending} onClick={() => revoke.mutate(i.id)}>
                {t("team.pending.revoke")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {revoke.error && <Alert tone="error">{text(describeError(revoke.error))}</Alert>}
    </section>
  );
}

export function TeamPage() {
  const { t } = useTranslation();
  const session = useSession();
  const members = useMembers();
  const myRole = session.tenant.role;
  const manages = myRole !== "agent";

  return (
    <>
      <PageHeader title={t("team.title")} description={manages ? t("team.description") : t("team.readOnly")} />
      {members.isPending ? (
        <Loading label={t("team.members.loading")} />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <div className="table-wrap table-wrap--cards">
          <table className="table table--cards" aria-label={t("team.members.label")}>
            <thead>
              <tr>
                <th scope="col">{t("team.members.name")}</th>
                <th scope="col">{t("team.members.role")}</th>
                <th scope="col">{t("team.members.joined")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("team.members.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.data.map((m) => (
                <MemberRow key={m.user_id} member={m} me={session.user.id} myRole={myRole} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manages && (
        <div className="stack">
          <InviteForm myRole={myRole} />
          <PendingInvitations />
        </div>
      )}
    </>
  );
}
