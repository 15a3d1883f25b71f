import { useMutation } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { ExportQuery } from "../../../api/types";
import { filenameFromDisposition, saveBlob } from "../../../lib/download";

export interface ExportFile {
  blob: Blob;
  filename: string;
}

/**
 * Fetches an export through the API client, so it carries the bearer token and
 * a 401 ends the session like any other call. The whole file is held in memory
 * before saving: fine for what a dashboard user downloads.
 */
export async function fetchExport(query: ExportQuery): Promise<ExportFile> {
  const call = api.GET("/analytics/export", { params: { query }, parseAs: "blob" });
  // openapi-fetch hands back no body at all for a `Content-Length: 0` answer.
  const blob = (await unwrap(call)) as Blob | undefined;
  // The same settled promise: unwrap has already turned a failure into an ApiError.
  const disposition = (await call).response.headers.get("Content-Disposition");
  const extension = query.format ?? "csv";
  return {
    // An empty body (no rows, no header) still makes a file.
    blob: blob ?? new Blob([]),
    filename: filenameFromDisposition(disposition) ?? `kremna-${query.kind}-${query.from ?? "range"}-${query.to ?? "today"}.${extension}`,
  };
}

/** Downloads an export (owners and admins; the API answers 403 to agents). */
export function useExportAnalytics() {
  return useMutation({
    mutationFn: fetchExport,
    onSuccess: ({ blob, filename }) => saveBlob(blob, filename),
  });
}
