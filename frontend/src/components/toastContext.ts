import { createContext, useContext } from "react";
import type { Message } from "../i18n/message";

export type Show = (message: Message) => void;

export const ToastContext = createContext<Show | null>(null);

/** Shows a short confirmation that outlives the page that caused it (see ToastProvider). */
export function useToast(): Show {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast used outside ToastProvider");
  return show;
}
