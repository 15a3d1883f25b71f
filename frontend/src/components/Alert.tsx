import type { ReactNode } from "react";

interface Props {
  tone: "error" | "info" | "success";
  title?: string;
  children: ReactNode;
}

/** Errors are announced at once (role=alert); other notes politely (role=status). */
export function Alert({ tone, title, children }: Props) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {title && <p className="alert__title">{title}</p>}
      <div className="alert__body">{children}</div>
    </div>
  );
}
