// One error type for every failed call: the HTTP status and the API's error body
// (`{"error": {"code", "message", "details"}}`), so callers switch on `code`.

export class KremnaError extends Error {
  override name = 'KremnaError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  static async fromResponse(response: Response, body?: unknown): Promise<KremnaError> {
    let parsed = body;
    if (parsed === undefined) {
      try {
        parsed = await response.json();
      } catch {
        parsed = undefined;
      }
    }
    const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    return new KremnaError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText, error?.details);
  }
}
