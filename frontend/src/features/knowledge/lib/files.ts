// What an upload may be, checked before sending (the API checks the same, in
// shared/src/knowledge/extract.rs `Format::detect` and the upload route): the dashboard
// says every problem at once instead of waiting for the server's first refusal.
import { message, type Message } from "../../../i18n/message";

/** The extensions the API reads, lower case. */
export const FILE_EXTENSIONS = ["md", "markdown", "txt", "text", "html", "htm", "xhtml", "pdf"] as const;

/** For the file picker's `accept`. */
export const ACCEPT = [...FILE_EXTENSIONS.map((e) => `.${e}`), "text/markdown", "text/plain", "text/html", "application/pdf"].join(",");

const READABLE_TYPES = new Set(["", "application/octet-stream", "text/plain", "text/markdown", "text/x-markdown", "text/html", "application/xhtml+xml", "application/pdf", "application/x-pdf"]);

function extension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** Why this file cannot be uploaded, or null when it can. */
export function fileProblem(file: Pick<File, "name" | "size" | "type">, maxBytes: number | undefined): Message | null {
  const type = file.type.split(";")[0]?.trim().toLowerCase() ?? "";
  const known = (FILE_EXTENSIONS as readonly string[]).includes(extension(file.name));
  // Like the API: a typed Markdown or HTML file is read whatever its name.
  const typed = type === "text/markdown" || type === "text/x-markdown" || type === "text/html" || type === "application/xhtml+xml" || type === "application/pdf" || type === "application/x-pdf";
  if (!READABLE_TYPES.has(type) || (!known && !typed && type !== "text/plain")) {
    return message("knowledge.add.file.wrongType");
  }
  if (file.size === 0) return message("knowledge.add.file.empty");
  if (maxBytes !== undefined && file.size > maxBytes) return message("knowledge.add.file.tooLarge");
  return null;
}
