// Saving a file the app fetched itself (with its bearer token), which a plain
// `<a href download>` can't do: the browser wouldn't send the token.

/** The file name in a `Content-Disposition` header (`filename*=` wins over `filename=`), if any. */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // Badly encoded: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  // Never let a server-chosen name point into folders.
  return name ? name.replace(/[/\\]/g, "_") : undefined;
}

/** Hands `blob` to the browser's download manager as `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns; give them time before freeing it.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
