import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { toFormErrors, type FormErrors } from "../../../api/errors";
import { Alert } from "../../../components/Alert";
import { TextField } from "../../../components/Field";
import { Loading } from "../../../components/States";
import { message, useMessageText, type Message } from "../../../i18n/message";
import { checkEmail, checkNewPassword, checkText, PASSWORD_MAX } from "../../../lib/textRules";
import { AuthLayout } from "../../auth/components/AuthLayout";
import { useAcceptInvitation, useInvitationPreview } from "../api/team";

const MODES = ["new", "existing"] as const;
type Mode = (typeof MODES)[number];
type FieldName = "full_name" | "email" | "password";
const FIELDS: readonly FieldName[] = ["full_name", "email", "password"];
const isField = (f: string): f is FieldName => (FIELDS as readonly string[]).includes(f);

/** Every rule at once, so all problems show together. */
function clientErrors(mode: Mode, form: Record<FieldName, string>): Partial<Record<FieldName, Message>> {
  const checks: Record<FieldName, Message | null> = {
    full_name: mode === "new" ? checkText(form.full_name, { max: 100, singleLine: true, required: message("validation.fullNameRequired") }) : null,
    email: checkEmail(form.email),
    password: mode === "new" ? checkNewPassword(form.password) : form.password ? null : message("validation.passwordRequired"),
  };
  return Object.fromEntries(Object.entries(checks).filter(([, m]) => m !== null));
}

/** The public page an invitation link opens: join with a new account or an existing one. */
export function InvitePage() {
  const { t } = useTranslation();
  const text = useMessageText();
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const [mode, setMode] = useState<Mode>("new");
  const [form, setForm] = useState<Record<FieldName, string>>({ full_name: "", email: "", password: "" });
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });

  if (preview.isPending) return <AuthLayout title={t("invite.title")} subtitle={null} footer={null}><Loading label={t("invite.loading")} /></AuthLayout>;
  if (preview.isError) {
    return (
      <AuthLayout title={t("invite.title")} subtitle={null} footer={<Link to="/login">{t("invite.signIn")}</Link>}>
        <Alert tone="error">{t("errors.code.invitation_invalid")}</Alert>
      </AuthLayout>
    );
  }

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const local = clientErrors(mode, form);
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, form: null });
      document.getElementById(`invite-${FIELDS.find((f) => local[f]) ?? ""}`)?.focus();
      return;
    }
    setErrors({ fields: {}, form: null });
    const body =
      mode === "new"
        ? { kind: "new" as const, value: { token, full_name: form.full_name.trim(), email: form.email.trim(), password: form.password } }
        : { kind: "existing" as const, value: { token, email: form.email.trim(), password: form.password } };
    accept.mutate(body, {
      onSuccess: () => void navigate("/", { replace: true }),
      onError: (error) => setErrors(toFormErrors(error, isField)),
    });
  }

  const fieldError = (name: FieldName) => {
    const m = errors.fields[name];
    return m ? text(m) : undefined;
  };
  const change = (name: FieldName, value: string) => setForm((f) => ({ ...f, [name]: value }));

  return (
    <AuthLayout title={t("invite.title")} subtitle={t("invite.subtitle", { workspace: preview.data.workspace_name, role: t(`roles.${preview.data.role}`) })} footer={null}>
      <div className="segmented" role="radiogroup" aria-label={t("invite.how")}>
        {MODES.map((m) => (
          <label key={m} className="segmented__option">
            <input type="radio" name="invite-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            <span>{m === "new" ? t("invite.newAccount") : t("invite.existingAccount")}</span>
          </label>
        ))}
      </div>
      {errors.form && <Alert tone="error">{text(errors.form)}</Alert>}
      <form className="form" onSubmit={onSubmit} noValidate aria-label={t("invite.formLabel")}>
        {mode === "new" && (
          <TextField id="invite-full_name" label={t("auth.register.fullName")} autoComplete="name" value={form.full_name} onChange={(e) => change("full_name", e.target.value)} error={fieldError("full_name")} maxLength={100} />
        )}
        <TextField id="invite-email" label={t("auth.register.email")} type="email" autoComplete="email" value={form.email} onChange={(e) => change("email", e.target.value)} error={fieldError("email")} maxLength={254} />
        <TextField
          id="invite-password"
          label={t("auth.register.password")}
          type="password"
          autoComplete={mode === "new" ? "new-password" : "current-password"}
          value={form.password}
          onChange={(e) => change("password", e.target.value)}
          error={fieldError("password")}
          maxLength={mode === "new" ? PASSWORD_MAX : 1024}
        />
        <button type="submit" className="button button--primary button--block" disabled={accept.isPending} aria-busy={accept.isPending}>
          {t("invite.join", { workspace: preview.data.workspace_name })}
        </button>
      </form>
    </AuthLayout>
  );
}
