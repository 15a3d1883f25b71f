import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Message } from "../i18n/message";

interface Toast {
  id: number;
  message: Message;
}

import { ToastContext, type Show } from "./toastContext";

const SHOWN_MS = 6000;

/**
 * Short confirmations ("Chat deleted.") that outlive the page that caused them.
 * The live region is on screen from the start, so screen readers announce what
 * is added to it; each toast leaves on its own or with its close button.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const show = useCallback<Show>((message) => {
    const id = nextId.current++;
    setToasts((list) => [...list.slice(-2), { id, message }]);
  }, []);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);

  return (
    <ToastContext.Provider value={show}>
      {children}
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
    </ToastContext.Provider>
  );
}

function ToastRegion({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={onDismiss} text={t(toast.message.key, toast.message.values ?? {})} />
      ))}
    </div>
  );
}

function ToastItem({ toast, text, onDismiss }: { toast: Toast; text: string; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = window.setTimeout(() => onDismiss(toast.id), SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [toast.id, onDismiss]);
  return (
    <div className="toast">
      <span className="toast__text">{text}</span>
      <button type="button" className="toast__close" onClick={() => onDismiss(toast.id)} aria-label={t("common.dismiss")}>
        <svg viewBox="0 0 20 20" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
          <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
