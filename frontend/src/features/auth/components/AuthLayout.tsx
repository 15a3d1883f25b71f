import type { ReactNode } from "react";
import { Logo } from "../../../components/Logo";
import { Preferences } from "../../../components/Preferences";

interface Props {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
  footer: ReactNode;
}

export function AuthLayout({ title, subtitle, children, footer }: Props) {
  return (
    <main className="auth">
      <div className="auth__panel">
        <div className="auth__brand">
          <Logo />
        </div>
        <div className="auth__card">
          <h1 className="auth__title">{title}</h1>
          <p className="auth__subtitle">{subtitle}</p>
          {children}
        </div>
        <p className="auth__footer">{footer}</p>
        <Preferences className="auth__preferences" />
      </div>
    </main>
  );
}
