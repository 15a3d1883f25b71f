import { useId } from "react";
import type { DailyUsage } from "../../../api/types";
import { labelEvery, niceScale } from "../lib/chartScale";
import { formatCount, formatDayRange, formatShortDay, formatWeekDay } from "../lib/format";

// Drawing units of the viewBox; the SVG scales to the card's width.
const WIDTH = 760;
const HEIGHT = 240;
const PAD = { top: 10, right: 8, bottom: 28, left: 44 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** One sentence for screen readers: the totals and the busiest day. */
function describe(days: DailyUsage[]): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return "No days in this range.";
  const messages = days.reduce((sum, d) => sum + d.messages, 0);
  const chats = days.reduce((sum, d) => sum + d.chats, 0);
  const range = `${plural(days.length, "day", "days")}, ${formatDayRange(first.date, last.date)}`;
  if (messages === 0 && chats === 0) return `${range}: no messages or chats.`;
  const busiest = days.reduce((best, d) => (d.messages > best.messages ? d : best), first);
  return `${range}: ${plural(messages, "message", "messages")} and ${plural(chats, "chat", "chats")}; busiest day ${formatWeekDay(busiest.date)} with ${plural(busiest.messages, "message", "messages")}.`;
}

function Bars({ days, top }: { days: DailyUsage[]; top: number }) {
  const slot = PLOT_W / days.length;
  const group = slot * 0.78;
  const bar = group / 2;
  const height = (value: number) => (value === 0 ? 0 : Math.max(1.5, (value / top) * PLOT_H));
  return (
    <g>
      {days.map((day, i) => {
        const x = PAD.left + i * slot + (slot - group) / 2;
        const m = height(day.messages);
        const c = height(day.chats);
        return (
          <g key={day.date}>
            <title>{`${formatWeekDay(day.date)}: ${plural(day.messages, "message", "messages")}, ${plural(day.chats, "chat", "chats")}`}</title>
            {/* The whole slot, so an empty day still reads as an (empty) bar. */}
            <rect className="chart__slot" x={x} y={PAD.top} width={group} height={PLOT_H} rx={2} />
            <rect className="chart__bar chart__bar--messages" x={x} y={PAD.top + PLOT_H - m} width={bar} height={m} />
            <rect className="chart__bar chart__bar--chats" x={x + bar} y={PAD.top + PLOT_H - c} width={bar} height={c} />
          </g>
        );
      })}
    </g>
  );
}

function Axes({ days, ticks, top }: { days: DailyUsage[]; ticks: number[]; top: number }) {
  const slot = PLOT_W / days.length;
  const every = labelEvery(days.length);
  return (
    <g className="chart__axis">
      {ticks.map((tick) => {
        const y = PAD.top + PLOT_H - (tick / top) * PLOT_H;
        return (
          <g key={tick}>
            <line className="chart__grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} />
            <text x={PAD.left - 8} y={y} dy="0.32em" textAnchor="end">
              {formatCount(tick)}
            </text>
          </g>
        );
      })}
      {days.map((day, i) =>
        i % every === 0 ? (
          <text key={day.date} x={PAD.left + (i + 0.5) * slot} y={HEIGHT - 8} textAnchor="middle">
            {formatShortDay(day.date)}
          </text>
        ) : null,
      )}
    </g>
  );
}

function DaysTable({ days }: { days: DailyUsage[] }) {
  return (
    <details className="chart__details">
      <summary>Show as table</summary>
      <div className="table-wrap chart__table">
        <table className="table table--compact" aria-label="Messages and chats per day">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="table__num">
                Messages
              </th>
              <th scope="col" className="table__num">
                Chats
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  <time dateTime={day.date}>{formatWeekDay(day.date)}</time>
                </th>
                <td className="table__num">{formatCount(day.messages)}</td>
                <td className="table__num">{formatCount(day.chats)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Messages and chats per local day (the original's `trafficData` chart), drawn as plain SVG. */
export function TrafficChart({ days }: { days: DailyUsage[] }) {
  const titleId = useId();
  const descId = useId();
  const { top, ticks } = niceScale(Math.max(0, ...days.map((d) => Math.max(d.messages, d.chats))));

  return (
    <figure className="card chart">
      <figcaption className="card__header card__header--row chart__header">
        <span className="card__title" id={titleId}>
          Messages per day
        </span>
        <span className="chart__legend" aria-hidden="true">
          <span className="chart__key chart__key--messages">Messages</span>
          <span className="chart__key chart__key--chats">Chats</span>
        </span>
      </figcaption>
      <div className="card__body">
        <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
          <desc id={descId}>{describe(days)}</desc>
          {days.length > 0 && (
            <>
              <Axes days={days} ticks={ticks} top={top} />
              <Bars days={days} top={top} />
            </>
          )}
        </svg>
        <DaysTable days={days} />
      </div>
    </figure>
  );
}
