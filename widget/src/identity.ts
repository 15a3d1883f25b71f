/**
 * `Kremna.identify({ userId, name, email, userHash })`: what the page passed (anything),
 * made into the `identity` of `start_chat`. Fields the server would refuse are dropped
 * with a note to the developer, so a bad value never stops the chat: without a good
 * `userId` there is no identity; without a good `userHash` it stays an unverified claim.
 * The server decides whether the hash is right (it alone knows the secret).
 */
import type { IdentifyRequest } from "./generated/protocol";
import { charCount } from "./protocol";

// The server's rules (shared/src/domain/identity.rs, email.rs): most characters, which
// pattern (e-mail: local@domain.tld; hash: 64 hex digits).
const RULES: [keyof IdentifyRequest, number, RegExp?][] = [
  ["userId", 255],
  ["name", 200],
  ["email", 254, /^[^\s@<>()[\],;:"\\]{1,64}@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u],
  ["userHash", 64, /^[\da-f]{64}$/i],
];
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL = /[\0-\x1f\x7f-\x9f]/;

export function identityOf(raw: unknown): IdentifyRequest | null {
  if (!raw || typeof raw !== "object") return null;
  const o = raw as Record<string, unknown>;
  const out: Partial<IdentifyRequest> = {};
  for (const [k, max, re] of RULES) {
    let v = o[k];
    if (v == null || v === "") continue; // not given
    // Numeric ids are common: the host's server hashes their decimal text.
    if (typeof v === "number" && Number.isSafeInteger(v)) v = String(v);
    // The user id goes as given (it is what was hashed); the rest trimmed.
    const s = typeof v !== "string" ? "" : k === "userId" ? v : v.trim();
    if (s.trim() && charCount(s) <= max && !CONTROL.test(s) && (!re || re.test(s))) out[k] = s;
    else console.warn(`[Kremna] identify: ${k} is not valid, left out (see the widget's README).`);
  }
  return out.userId ? (out as IdentifyRequest) : null;
}
