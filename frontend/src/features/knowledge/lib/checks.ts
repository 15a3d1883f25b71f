// The API's rules for a new source (api/src/routes/knowledge), checked before sending
// so every problem shows at once.
import { message, type Message } from "../../../i18n/message";
import { checkText } from "../../../lib/textRules";

export const TITLE_MAX = 200;
export const TEXT_MAX = 200_000;
export const URL_MAX = 2000;
export const PAGE_LIMIT_MAX = 1000;

export function checkTitle(title: string, required: boolean): Message | null {
  return checkText(title, { max: TITLE_MAX, singleLine: true, ...(required ? { required: message("knowledge.add.titleRequired") } : {}) });
}

export function checkBody(text: string): Message | null {
  return checkText(text, { max: TEXT_MAX, required: message("knowledge.add.textRequired") });
}

/** An absolute http(s) address with a host, as the API parses it. */
export function checkUrl(raw: string): Message | null {
  const value = raw.trim();
  if (!value) return message("knowledge.add.urlRequired");
  if (value.length > URL_MAX) return message("validation.tooLong", { max: URL_MAX });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return message("knowledge.add.urlInvalid");
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname ? null : message("knowledge.add.urlInvalid");
}

/** Empty (the deployment's limit) or a whole number of pages from 1 to 1,000. */
export function checkPageLimit(raw: string): Message | null {
  const value = raw.trim();
  if (!value) return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= PAGE_LIMIT_MAX ? null : message("knowledge.add.pageLimitInvalid", { max: PAGE_LIMIT_MAX });
}
