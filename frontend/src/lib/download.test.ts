import { describe, expect, it } from "vitest";
import { filenameFromDisposition } from "./download";

describe("filenameFromDisposition", () => {
  it("reads quoted, bare and RFC 5987 names, preferring the encoded one", () => {
    expect(filenameFromDisposition('attachment; filename="kremna-usage-2026-03-04-2026-03-10.csv"')).toBe("kremna-usage-2026-03-04-2026-03-10.csv");
    expect(filenameFromDisposition("attachment; filename=report.ndjson")).toBe("report.ndjson");
    expect(filenameFromDisposition(`attachment; filename="plain.csv"; filename*=UTF-8''r%C3%A9sum%C3%A9.csv`)).toBe("résumé.csv");
  });

  it("has nothing for a missing header or name, and keeps names out of folders", () => {
    expect(filenameFromDisposition(null)).toBeUndefined();
    expect(filenameFromDisposition("attachment")).toBeUndefined();
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe(".._.._etc_passwd");
  });
});
