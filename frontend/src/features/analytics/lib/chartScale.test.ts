import { describe, expect, it } from "vitest";
import { labelEvery, niceScale } from "./chartScale";

describe("chart scale", () => {
  it("rounds the top up to whole, even steps", () => {
    expect(niceScale(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceScale(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale(200)).toEqual({ top: 200, ticks: [0, 50, 100, 150, 200] });
    expect(niceScale(233)).toEqual({ top: 300, ticks: [0, 100, 200, 300] });
    expect(niceScale(9_999).ticks.length).toBeLessThanOrEqual(5);
  });

  it("labels few enough days to fit", () => {
    expect(labelEvery(7)).toBe(1);
    expect(labelEvery(30)).toBe(4);
    expect(labelEvery(366)).toBe(46);
  });
});
