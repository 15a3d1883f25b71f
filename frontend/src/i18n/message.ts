// A sentence for people, kept as a catalogue key (plus values) until it is shown,
// so text already on screen (an inline error, a notice) follows a language switch.
import type { ParseKeys } from "i18next";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

export type MessageKey = ParseKeys;

export interface Message {
  key: MessageKey;
  values?: Record<string, string | number>;
}

export function message(key: MessageKey, values?: Record<string, string | number>): Message {
  return values ? { key, values } : { key };
}

/** `(message) => text` in the language on screen. */
export function useMessageText(): (message: Message) => string {
  const { t } = useTranslation();
  return useCallback((m: Message) => t(m.key, m.values ?? {}), [t]);
}
