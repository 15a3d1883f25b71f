// The API's origin rule (shared/src/domain/origin.rs), checked in the form so
// every bad row shows at once.
import { message, type Message } from "../../../i18n/message";

export function checkOrigin(raw: string): Message | null {
  const value = raw.trim();
  const split = value.indexOf("://");
  if (split < 0) return message("validation.originFormat");
  const scheme = value.slice(0, split).toLowerCase();
  if (scheme !== "http" && scheme !== "https") return message("validation.originScheme");
  let rest = value.slice(split + 3);
  if (rest.endsWith("/")) rest = rest.slice(0, -1);
  if (/[/?#@]/.test(rest)) return message("validation.originPath");
  const wildcard = rest.startsWith("*.");
  const hostPort = wildcard ? rest.slice(2) : rest;
  if (hostPort.includes("*")) return message("validation.originWildcard");
  let host: string;
  try {
    host = new URL(`${scheme}://${hostPort}`).hostname;
  } catch {
    return message("validation.originFormat");
  }
  if (!host) return message("validation.originFormat");
  if (wildcard && !host.includes(".")) return message("validation.originWildcard");
  return null;
}
