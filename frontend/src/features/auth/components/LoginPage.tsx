import { useState, type SubmitEvent } from "react";
import { Link, useLocation } from "react-router";
import { ApiError, describeError } from "../../../api/errors";
import { Alert } from "../../../components/Alert";
import { TextField } from "../../../components/Field";
import { useLogin } from "../api/auth";
import type { LoginLocationState } from "./RequireAuth";
import { AuthLayout } from "./AuthLayout";

const REASONS: Record<NonNullable<LoginLocationState["reason"]>, string | null> = {
  expired: "Your session has expired. Sign in again to continue.",
  invalid: "Your session is no longer valid. Sign in again to continue.",
  signed_out: null,
};

function loginError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "invalid_credentials") return "The e-mail or password is wrong.";
    if (error.code === "rate_limited") return "Too many sign-in attempts. Wait a minute and try again.";
  }
  return describeError(error);
}

export function LoginPage() {
  const location = useLocation();
  const reason = (location.state as LoginLocationState | null)?.reason;
  const notice = reason ? REASONS[reason] : null;
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const next = {
      ...(email.trim() ? {} : { email: "Enter your e-mail address." }),
      ...(password ? {} : { password: "Enter your password." }),
    };
    setMissing(next);
    if (next.email || next.password) return;
    login.mutate({ email: email.trim(), password });
  }

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back. Sign in to manage your assistants and read conversations."
      footer={
        <>
          New to Kremna? <Link to="/register">Create an account</Link>
        </>
      }
    >
      {notice && !login.isError && <Alert tone="info">{notice}</Alert>}
      {login.isError && <Alert tone="error">{loginError(login.error)}</Alert>}
      <form className="form" onSubmit={onSubmit} noValidate aria-label="Sign in">
        <TextField
          id="login-email"
          label="E-mail"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={missing.email}
          maxLength={254}
        />
        <TextField
          id="login-password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={missing.password}
          maxLength={1024}
        />
        <button type="submit" className="button button--primary button--block" disabled={login.isPending} aria-busy={login.isPending}>
          {login.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthLayout>
  );
}
