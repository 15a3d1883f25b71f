import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { ApiError, describeError } from "../../../api/errors";
import { Alert } from "../../../components/Alert";
import { TextField } from "../../../components/Field";
import { message, useMessageText, type Message } from "../../../i18n/message";
import { useLogin } from "../api/auth";
import { AuthLayout } from "./AuthLayout";
import type { LoginLocationState } from "./RequireAuth";

const REASONS: Record<NonNullable<LoginLocationState["reason"]>, Message | null> = {
  expired: message("auth.login.reasons.expired"),
  invalid: message("auth.login.reasons.invalid"),
  signed_out: null,
};

function loginError(error: unknown): Message {
  if (error instanceof ApiError && error.code === "rate_limited") return message("auth.login.rateLimited");
  return describeError(error);
}

export function LoginPage() {
  const { t } = useTranslation();
  const text = useMessageText();
  const location = useLocation();
  const reason = (location.state as LoginLocationState | null)?.reason;
  const notice = reason ? REASONS[reason] : null;
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<{ email?: Message; password?: Message }>({});

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const next = {
      ...(email.trim() ? {} : { email: message("validation.emailRequired") }),
      ...(password ? {} : { password: message("validation.passwordRequired") }),
    };
    setMissing(next);
    if (next.email) document.getElementById("login-email")?.focus();
    else if (next.password) document.getElementById("login-password")?.focus();
    if (next.email || next.password) return;
    login.mutate({ email: email.trim(), password });
  }

  return (
    <AuthLayout
      title={t("auth.login.title")}
      subtitle={t("auth.login.subtitle")}
      footer={
        <>
          {t("auth.login.footer")} <Link to="/register">{t("auth.login.footerLink")}</Link>
        </>
      }
    >
      {notice && !login.isError && <Alert tone="info">{text(notice)}</Alert>}
      {login.isError && <Alert tone="error">{text(loginError(login.error))}</Alert>}
      <form className="form" onSubmit={onSubmit} noValidate aria-label={t("auth.login.title")}>
        <TextField
          id="login-email"
          label={t("auth.login.email")}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={missing.email && text(missing.email)}
          maxLength={254}
        />
        <TextField
          id="login-password"
          label={t("auth.login.password")}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={missing.password && text(missing.password)}
          maxLength={1024}
        />
        <button type="submit" className="button button--primary button--block" disabled={login.isPending} aria-busy={login.isPending}>
          {login.isPending ? t("auth.login.pending") : t("auth.login.submit")}
        </button>
      </form>
    </AuthLayout>
  );
}
