import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, toFormErrors, type FormErrors } from "../../../api/errors";
import type { RegisterRequest } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { TextField } from "../../../components/Field";
import { message, useMessageText, type Message } from "../../../i18n/message";
import { checkEmail, checkNewPassword, checkText, PASSWORD_MAX } from "../../../lib/textRules";
import { useRegister } from "../api/auth";
import { AuthLayout } from "./AuthLayout";

type FieldName = "full_name" | "email" | "password" | "workspace_name";
const FIELDS: readonly FieldName[] = ["full_name", "email", "password", "workspace_name"];
const isField = (field: string): field is FieldName => (FIELDS as readonly string[]).includes(field);

/** Every rule the API applies, checked at once, so all problems show together. */
function clientErrors(form: Record<FieldName, string>): Partial<Record<FieldName, Message>> {
  const checks: Record<FieldName, Message | null> = {
    full_name: checkText(form.full_name, { max: 100, singleLine: true, required: message("validation.fullNameRequired") }),
    email: checkEmail(form.email),
    password: checkNewPassword(form.password),
    workspace_name: checkText(form.workspace_name, { max: 100, singleLine: true }),
  };
  return Object.fromEntries(Object.entries(checks).filter(([, m]) => m !== null));
}

function serverErrors(error: unknown): FormErrors {
  if (error instanceof ApiError && error.code === "email_taken") {
    return { fields: { email: message("errors.code.email_taken") }, form: null };
  }
  return toFormErrors(error, isField);
}

const focusField = (name: string | undefined) => name && document.getElementById(`register-${name}`)?.focus();

export function RegisterPage() {
  const { t } = useTranslation();
  const text = useMessageText();
  const register = useRegister();
  const [form, setForm] = useState<Record<FieldName, string>>({ full_name: "", email: "", password: "", workspace_name: "" });
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });

  function change(name: FieldName, value: string) {
    setForm((f) => ({ ...f, [name]: value }));
    if (errors.fields[name]) {
      setErrors((e) => ({ ...e, fields: Object.fromEntries(Object.entries(e.fields).filter(([field]) => field !== name)) }));
    }
  }

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const local = clientErrors(form);
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, form: null });
      focusField(FIELDS.find((name) => local[name]));
      return;
    }
    setErrors({ fields: {}, form: null });
    const body: RegisterRequest = {
      full_name: form.full_name.trim(),
      email: form.email.trim(),
      password: form.password,
      ...(form.workspace_name.trim() ? { workspace_name: form.workspace_name.trim() } : {}),
    };
    register.mutate(body, {
      onError: (error) => {
        const next = serverErrors(error);
        setErrors(next);
        focusField(Object.keys(next.fields)[0]);
      },
    });
  }

  const fieldError = (name: FieldName) => {
    const m = errors.fields[name];
    return m ? text(m) : undefined;
  };
  const name = form.full_name.trim();

  return (
    <AuthLayout
      title={t("auth.register.title")}
      subtitle={t("auth.register.subtitle")}
      footer={
        <>
          {t("auth.register.footer")} <Link to="/login">{t("auth.register.footerLink")}</Link>
        </>
      }
    >
      {errors.form && <Alert tone="error">{text(errors.form)}</Alert>}
      <form className="form" onSubmit={onSubmit} noValidate aria-label={t("auth.register.formLabel")}>
        <TextField
          id="register-full_name"
          label={t("auth.register.fullName")}
          autoComplete="name"
          value={form.full_name}
          onChange={(e) => change("full_name", e.target.value)}
          error={fieldError("full_name")}
          maxLength={100}
        />
        <TextField
          id="register-email"
          label={t("auth.register.email")}
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={(e) => change("email", e.target.value)}
          error={fieldError("email")}
          maxLength={254}
        />
        <TextField
          id="register-password"
          label={t("auth.register.password")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.register.passwordHint")}
          value={form.password}
          onChange={(e) => change("password", e.target.value)}
          error={fieldError("password")}
          maxLength={PASSWORD_MAX}
        />
        <TextField
          id="register-workspace_name"
          label={t("auth.register.workspace")}
          optional
          hint={name ? t("auth.register.workspaceDefault", { name }) : t("auth.register.workspaceHint")}
          value={form.workspace_name}
          onChange={(e) => change("workspace_name", e.target.value)}
          error={fieldError("workspace_name")}
          maxLength={100}
        />
        <button type="submit" className="button button--primary button--block" disabled={register.isPending} aria-busy={register.isPending}>
          {register.isPending ? t("auth.register.pending") : t("auth.register.submit")}
        </button>
      </form>
    </AuthLayout>
  );
}
