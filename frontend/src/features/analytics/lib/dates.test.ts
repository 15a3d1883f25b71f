import { describe, expect, it } from "vitest";
import { addDays, isIsoDate, lastDays, todayIn } from "./dates";

describe("analytics dates", () => {
  it("knows today in a timezone, not the browser's", () => {
    const lateEvening = Date.parse("2026-03-10T23:30:00Z");
    expect(todayIn("UTC", lateEvening)).toBe("2026-03-10");
    expect(todayIn("Europe/Paris", lateEvening)).toBe("2026-03-11");
    expect(todayIn("America/Los_Angeles", Date.parse("2026-03-11T03:00:00Z"))).toBe("2026-03-10");
    // An unknown zone falls back to UTC; the API names the problem.
    expect(todayIn("Mars/Olympus", lateEvening)).toBe("2026-03-10");
  });

  it("counts whole days across months, leap days and DST changes", () => {
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-03-10", -6)).toBe("2026-03-04");
    expect(lastDays(30, "UTC", Date.parse("2026-03-10T12:00:00Z"))).toEqual({ from: "2026-02-09", to: "2026-03-10" });
  });

  it("accepts only real YYYY-MM-DD days", () => {
    expect(isIsoDate("2026-03-10")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-3-10")).toBe(false);
    expect(isIsoDate("")).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
