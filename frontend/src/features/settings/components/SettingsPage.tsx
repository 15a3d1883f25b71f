import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api/client";
import { ApiError, toFormErrors, unwrap } from "../../../api/errors";
import { Alert } from "../../../components/Alert";
import { TextField } from "../../../components/Field";
import { PageHeader } from "../../../components/PageHeader";
import { useLeaveGuard } from "../../../components/useLeaveGuard";
import { message, useMessageText, type Message } from "../../../i18n/message";
import { loadDraft, removeDraft, saveDraft } from "../../../lib/drafts";
import { sessionStore } from "../../../lib/session";
import { checkEmail, checkNewPassword, checkText, PASSWORD_MAX } from "../../../lib/textRules";
import { authKeys } from "../../auth/api/auth";
import { canManage, useSession } from "../../auth/hooks/useSession";

type FieldName = "workspace_name" | "full_name" | "email" | "current_password" | "new_password";
type Errors = Partial<Record<string, Message>>;

const only = (errors: Record<string, Message | null>): Errors => Object.fromEntries(Object.entries(errors).filter(([, m]) => m !== null)) as Errors;

/**
 * What the workspace and profile forms had typed when the page was left unsaved (an
 * expired session on Save, say), if anything. Passwords are never kept.
 */
interface KeptSettings {
  workspace?: string;
  profile?: { full_name: string; email: string };
}

function keptSettings(raw: unknown): KeptSettings {
  if (typeof raw !== "object" || raw === null) return {};
  const { workspace, profile } = raw as Record<string, unknown>;
  const kept: KeptSettings = {};
  if (typeof workspace === "string") kept.workspace = workspace;
  if (typeof profile === "object" && profile !== null) {
    const { full_name, email } = profile as Record<string, unknown>;
    if (typeof full_name === "string" && typeof email === "string") kept.profile = { full_name, email };
  }
  return kept;
}

function useSaved() {
  const [saved, setSaved] = useState(false);
  return { saved, setSaved };
}

/** Workspace name, profile and password: three forms, each saved on its own. */
export function SettingsPage() {
  const { t } = useTranslation();
  const text = useMessageText();
  const session = useSession();
  const queryClient = useQueryClient();
  const manages = canManage(session.tenant.role);

  const draftKey = `settings.${session.tenant.id}.${session.user.id}`;
  const [kept] = useState(() => keptSettings(loadDraft(draftKey)));
  const [workspace, setWorkspace] = useState(kept.workspace ?? session.tenant.name);
  const [profile, setProfile] = useState(kept.profile ?? { full_name: session.user.full_name, email: session.user.email });
  const [password, setPassword] = useState({ current_password: "", new_password: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const workspaceSaved = useSaved();
  const profileSaved = useSaved();
  const passwordSaved = useSaved();

  const workspaceDirty = manages && workspace.trim() !== session.tenant.name;
  const profileDirty = profile.full_name.trim() !== session.user.full_name || profile.email.trim().toLowerCase() !== session.user.email;
  const passwordDirty = password.current_password !== "" || password.new_password !== "";
  const guard = useLeaveGuard(workspaceDirty || profileDirty || passwordDirty);

  // Typed but unsaved text survives an expired session: it is there again after signing
  // back in (a deliberate sign-out forgets every draft).
  useEffect(() => {
    if (workspaceDirty || profileDirty) {
      saveDraft(draftKey, { workspace: workspaceDirty ? workspace : undefined, profile: profileDirty ? profile : undefined });
    } else {
      removeDraft(draftKey);
    }
  }, [draftKey, workspace, profile, workspaceDirty, profileDirty]);

  const saveWorkspace = useMutation({ mutationFn: (name: string) => unwrap(api.PATCH("/workspace", { body: { name } })) });
  const saveProfile = useMutation({
    mutationFn: (body: { full_name?: string; email?: string }) => unwrap(api.PATCH("/auth/me", { body })),
  });
  const changePassword = useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) => unwrap(api.POST("/auth/me/password", { body })),
  });

  const fail = (error: unknown, fields: string[]) => {
    if (error instanceof ApiError && error.code === "email_taken") {
      setErrors({ email: message("errors.code.email_taken") });
      return;
    }
    if (error instanceof ApiError && error.code === "wrong_password") {
      setErrors({ current_password: message("errors.code.wrong_password") });
      return;
    }
    const form = toFormErrors(error, (f) => fields.includes(f));
    setErrors(form.fields);
    setFormError(form.form);
  };
  const refreshMe = () => void queryClient.invalidateQueries({ queryKey: authKeys.me });

  function onWorkspace(event: SubmitEvent) {
    event.preventDefault();
    const local = only({ workspace_name: checkText(workspace, { max: 100, singleLine: true, required: message("validation.workspaceRequired") }) });
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    saveWorkspace.mutate(workspace.trim(), {
      onSuccess: (row) => {
        sessionStore.update({ user: session.user, tenant: { ...session.tenant, name: row.name }, workspaces: session.workspaces.map((w) => (w.id === row.id ? { ...w, name: row.name } : w)) });
        workspaceSaved.setSaved(true);
        refreshMe();
      },
      onError: (e) => fail(e, []),
    });
  }

  function onProfile(event: SubmitEvent) {
    event.preventDefault();
    const local = only({
      full_name: checkText(profile.full_name, { max: 100, singleLine: true, required: message("validation.fullNameRequired") }),
      email: checkEmail(profile.email),
    });
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    saveProfile.mutate(
      { full_name: profile.full_name.trim(), email: profile.email.trim() },
      {
        onSuccess: (user) => {
          sessionStore.update({ user, tenant: session.tenant, workspaces: session.workspaces });
          profileSaved.setSaved(true);
          refreshMe();
        },
        onError: (e) => fail(e, ["full_name", "email"]),
      },
    );
  }

  function onPassword(event: SubmitEvent) {
    event.preventDefault();
    const local = only({
      current_password: password.current_password ? null : message("validation.passwordRequired"),
      new_password: checkNewPassword(password.new_password),
    });
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    changePassword.mutate(password, {
      onSuccess: () => {
        setPassword({ current_password: "", new_password: "" });
        passwordSaved.setSaved(true);
      },
      onError: (e) => fail(e, ["new_password"]),
    });
  }

  const fieldError = (name: FieldName) => {
    const m = errors[name];
    return m ? text(m) : undefined;
  };

  return (
    <>
      <PageHeader title={t("settings.title")} description={t("settings.description")} />
      {formError && <Alert tone="error">{text(formError)}</Alert>}
      <div className="stack">
        <section className="card" aria-labelledby="settings-workspace">
          <h2 className="card__title" id="settings-workspace">
            {t("settings.workspace.title")}
          </h2>
          <form className="form" onSubmit={onWorkspace} noValidate>
            <TextField
              id="settings-workspace_name"
              label={t("settings.workspace.name")}
              value={workspace}
              readOnly={!manages}
              hint={manages ? undefined : t("settings.workspace.readOnly")}
              onChange={(e) => {
                setWorkspace(e.target.value);
                workspaceSaved.setSaved(false);
              }}
              error={fieldError("workspace_name")}
              maxLength={100}
            />
            {manages && (
              <div className="form__actions">
                <button type="submit" className="button button--primary" disabled={!workspaceDirty || saveWorkspace.isPending}>
                  {t("settings.save")}
                </button>
                <span role="status">{workspaceSaved.saved ? t("settings.saved") : ""}</span>
              </div>
            )}
          </form>
        </section>

        <section className="card" aria-labelledby="settings-profile">
          <h2 className="card__title" id="settings-profile">
            {t("settings.profile.title")}
          </h2>
          <form className="form" onSubmit={onProfile} noValidate>
            <TextField id="settings-full_name" label={t("auth.register.fullName")} autoComplete="name" value={profile.full_name} onChange={(e) => { setProfile((p) => ({ ...p, full_name: e.target.value })); profileSaved.setSaved(false); }} error={fieldError("full_name")} maxLength={100} />
            <TextField id="settings-email" label={t("auth.register.email")} type="email" autoComplete="email" value={profile.email} onChange={(e) => { setProfile((p) => ({ ...p, email: e.target.value })); profileSaved.setSaved(false); }} error={fieldError("email")} maxLength={254} />
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={!profileDirty || saveProfile.isPending}>
                {t("settings.save")}
              </button>
              <span role="status">{profileSaved.saved ? t("settings.saved") : ""}</span>
            </div>
          </form>
        </section>

        <section className="card" aria-labelledby="settings-password">
          <h2 className="card__title" id="settings-password">
            {t("settings.password.title")}
          </h2>
          <form className="form" onSubmit={onPassword} noValidate>
            <TextField id="settings-current_password" label={t("settings.password.current")} type="password" autoComplete="current-password" value={password.current_password} onChange={(e) => { setPassword((p) => ({ ...p, current_password: e.target.value })); passwordSaved.setSaved(false); }} error={fieldError("current_password")} maxLength={1024} />
            <TextField id="settings-new_password" label={t("settings.password.new")} type="password" autoComplete="new-password" hint={t("auth.register.passwordHint")} value={password.new_password} onChange={(e) => { setPassword((p) => ({ ...p, new_password: e.target.value })); passwordSaved.setSaved(false); }} error={fieldError("new_password")} maxLength={PASSWORD_MAX} />
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={!passwordDirty || changePassword.isPending}>
                {t("settings.password.submit")}
              </button>
              <span role="status">{passwordSaved.saved ? t("settings.password.changed") : ""}</span>
            </div>
          </form>
        </section>

        <section className="card" aria-labelledby="settings-api">
          <h2 className="card__title" id="settings-api">
            {t("settings.api.title")}
          </h2>
          <p>
            {t("settings.api.body")} <a href="/api/docs">{t("settings.api.link")}</a>
          </p>
        </section>
      </div>
      {guard.dialog}
    </>
  );
}
