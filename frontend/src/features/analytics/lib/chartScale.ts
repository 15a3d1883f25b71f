// The arithmetic of the per-day bar chart, apart from its drawing.

/** A y-axis from 0 to a round maximum at or above `max`, in ≤ 4 whole-number steps. */
export function niceScale(max: number): { top: number; ticks: number[] } {
  const raw = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let tick = 0; tick <= top; tick += step) ticks.push(tick);
  return { top, ticks };
}

/** Label every n-th day so at most `maxLabels` dates fit under the bars. */
export function labelEvery(days: number, maxLabels = 8): number {
  return Math.max(1, Math.ceil(days / maxLabels));
}
