/** Refusals and faults as sentences for the visitor, by code (the server's wording is English-only). */
import { MAX_CHARS } from "../protocol";
import type { WireError } from "../protocol";
import { waitText } from "./format";
import type { Lang } from "./lang";
import type { PanelText } from "./types";

/** Why a message was not sent, or (`starting`) why the chat has not started yet. */
export function refusalText(t: PanelText, lang: Lang, e: WireError, starting = false): string {
  const wait = e.retryAfter != null ? waitText(lang, e.retryAfter) : null;
  switch (e.code) {
    case "rate_limited":
      return starting ? t.chatsLimited(wait) : t.sendLimited(wait);
    case "message_too_long":
      return t.maxLength(MAX_CHARS);
    case "message_empty":
      return t.empty;
    case "timeout":
      return t.timeout;
    case "origin_not_allowed":
      return t.notHere;
    case "assistant_paused":
      return t.paused;
    case "assistant_not_found":
      return t.unavailable;
    default:
      return t.error;
  }
}
