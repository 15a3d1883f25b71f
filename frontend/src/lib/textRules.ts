// The API's text rules (shared/src/domain), checked before sending so a form can
// show every problem at once: the API stops at the first and names one field.
import { message, type Message } from "../i18n/message";

/** Length as the API counts it: characters (code points) of the trimmed text. */
export const charCount = (text: string) => Array.from(text.trim()).length;

// Control characters (newlines, tabs…) make a one-line value invalid.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

interface TextRule {
  max: number;
  /** The message when empty; absent when the field may be empty. */
  required?: Message;
  singleLine?: boolean;
}

/** The first broken rule of a text value, or null. */
export function checkText(value: string, rule: TextRule): Message | null {
  const trimmed = value.trim();
  if (!trimmed) return rule.required ?? null;
  if (charCount(trimmed) > rule.max) return message("validation.tooLong", { max: rule.max });
  if (rule.singleLine && CONTROL.test(trimmed)) return message("validation.singleLine");
  return null;
}

/** The API's e-mail check (shared/src/domain/email.rs): a local part, and a dotted domain of letters, digits and hyphens. */
export function checkEmail(value: string): Message | null {
  const trimmed = value.trim().toLowerCase();
  if (!trimmed) return message("validation.emailRequired");
  if (new TextEncoder().encode(trimmed).length > 254) return message("validation.tooLong", { max: 254 });
  const at = trimmed.indexOf("@");
  const local = at < 0 ? "" : trimmed.slice(0, at);
  const domain = at < 0 ? "" : trimmed.slice(at + 1);
  const domainOk =
    domain.includes(".") && !domain.startsWith(".") && !domain.endsWith(".") && !domain.includes("..") && /^[\p{L}\p{N}.-]+$/u.test(domain);
  const localOk = local.length > 0 && new TextEncoder().encode(local).length <= 64 && !/[\s@<>()[\],;:"\\]/u.test(local) && !CONTROL.test(local);
  return domainOk && localOk ? null : message("validation.emailInvalid");
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export function checkNewPassword(value: string): Message | null {
  const chars = Array.from(value).length;
  if (chars < PASSWORD_MIN) return message("validation.passwordShort", { min: PASSWORD_MIN });
  if (chars > PASSWORD_MAX) return message("validation.tooLong", { max: PASSWORD_MAX });
  if (!value.trim()) return message("validation.passwordSpaces");
  return null;
}
