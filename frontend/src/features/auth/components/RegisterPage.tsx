import { useState, type SubmitEvent } from "react";
import { Link } from "react-router";
import { ApiError, toFormErrors, type FormErrors } from "../../../api/errors";
import type { RegisterRequest } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { TextField } from "../../../components/Field";
import { useRegister } from "../api/auth";
import { AuthLayout } from "./AuthLayout";

type FieldName = "full_name" | "email" | "password" | "workspace_name";
const FIELDS: readonly string[] = ["full_name", "email", "password", "workspace_name"] satisfies FieldName[];

function clientErrors(form: Record<FieldName, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.full_name.trim()) errors.full_name = "Enter your name.";
  if (!form.email.trim()) errors.email = "Enter your e-mail address.";
  if (form.password.length < 8) errors.password = "Use at least 8 characters.";
  return errors;
}

function serverErrors(error: unknown): FormErrors {
  if (error instanceof ApiError && error.code === "email_taken") {
    return { fields: { email: "An account with this e-mail already exists. Sign in instead." }, form: null };
  }
  return toFormErrors(error, (field) => FIELDS.includes(field));
}

export function RegisterPage() {
  const register = useRegister();
  const [form, setForm] = useState<Record<FieldName, string>>({ full_name: "", email: "", password: "", workspace_name: "" });
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });

  function change(name: FieldName, value: string) {
    setForm((f) => ({ ...f, [name]: value }));
    if (errors.fields[name]) setErrors((e) => ({ ...e, fields: { ...e.fields, [name]: "" } }));
  }

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const local = clientErrors(form);
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, form: null });
      document.getElementById(`register-${Object.keys(local)[0]}`)?.focus();
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
        const first = Object.keys(next.fields)[0];
        if (first) document.getElementById(`register-${first}`)?.focus();
      },
    });
  }

  const fieldError = (name: FieldName) => errors.fields[name] || undefined;

  return (
    <AuthLayout
      title="Create your workspace"
      subtitle="Set up Kremna for your team. You'll be the workspace owner."
      footer={
        <>
          Already have an account? <Link to="/login">Sign in</Link>
        </>
      }
    >
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <form className="form" onSubmit={onSubmit} noValidate aria-label="Create account">
        <TextField
          id="register-full_name"
          label="Full name"
          autoComplete="name"
          value={form.full_name}
          onChange={(e) => change("full_name", e.target.value)}
          error={fieldError("full_name")}
          maxLength={100}
        />
        <TextField
          id="register-email"
          label="Work e-mail"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={(e) => change("email", e.target.value)}
          error={fieldError("email")}
          maxLength={254}
        />
        <TextField
          id="register-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="8 to 128 characters; a passphrase is welcome."
          value={form.password}
          onChange={(e) => change("password", e.target.value)}
          error={fieldError("password")}
          maxLength={128}
        />
        <TextField
          id="register-workspace_name"
          label="Workspace name"
          optional
          hint={form.full_name.trim() ? `Defaults to "${form.full_name.trim()}'s workspace".` : "Usually your company's name."}
          value={form.workspace_name}
          onChange={(e) => change("workspace_name", e.target.value)}
          error={fieldError("workspace_name")}
          maxLength={100}
        />
        <button type="submit" className="button button--primary button--block" disabled={register.isPending} aria-busy={register.isPending}>
          {register.isPending ? "Creating account…" : "Create account"}
        </button>
      </form>
    </AuthLayout>
  );
}
