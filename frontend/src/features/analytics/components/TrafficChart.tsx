import type { TFunction } from "i18next";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { DailyUsage } from "../../../api/types";
import { useFormat } from "../../../i18n/useFormat";
import type { Format } from "../../../lib/format";
import { labelEvery, niceScale } from "../lib/chartScale";

// Drawing units of the viewBox; the SVG scales to the card's width.
const WIDTH = 760;
const HEIGHT = 240;
const PAD = { top: 10, right: 8, bottom: 28, left: 44 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** "3 messages", "1 chat", "7 days", counted in words of the language on screen. */
function counts(t: TFunction, format: Format) {
  return {
    days: (n: number) => t("analytics.chart.days", { count: n, n: format.count(n) }),
    messages: (n: number) => t("analytics.chart.messageCount", { count: n, n: format.count(n) }),
    chats: (n: number) => t("analytics.chart.chatCount", { count: n, n: format.count(n) }),
  };
}

/** One sentence for screen readers: the totals and the busiest day. */
function describe(days: DailyUsage[], t: TFunction, format: Format): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return t("analytics.chart.noDays");
  const count = counts(t, format);
  const messages = days.reduce((sum, d) => sum + d.messages, 0);
  const chats = days.reduce((sum, d) => sum + d.chats, 0);
  const range = format.dayRange(first.date, last.date);
  if (messages === 0 && chats === 0) return t("analytics.chart.describeEmpty", { days: count.days(days.length), range });
  const busiest = days.reduce((best, d) => (d.messages > best.messages ? d : best), first);
  return t("analytics.chart.describe", {
    days: count.days(days.length),
    range,
    messages: count.messages(messages),
    chats: count.chats(chats),
    day: format.weekDay(busiest.date),
    busiest: count.messages(busiest.messages),
  });
}

function Bars({ days, top }: { days: DailyUsage[]; top: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const count = counts(t, format);
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
            <title>{t("analytics.chart.bar", { day: format.weekDay(day.date), messages: count.messages(day.messages), chats: count.chats(day.chats) })}</title>
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
  const format = useFormat();
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
              {format.count(tick)}
            </text>
          </g>
        );
      })}
      {days.map((day, i) =>
        i % every === 0 ? (
          <text key={day.date} x={PAD.left + (i + 0.5) * slot} y={HEIGHT - 8} textAnchor="middle">
            {format.shortDay(day.date)}
          </text>
        ) : null,
      )}
    </g>
  );
}

function DaysTable({ days }: { days: DailyUsage[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labelId = useId();
  return (
    <details className="chart__details">
      <summary>{t("analytics.chart.showTable")}</summary>
      {/* A long range scrolls inside the card; the keyboard can reach and scroll it. */}
      <div className="table-wrap chart__table" role="region" aria-labelledby={labelId} tabIndex={0}>
        <table className="table table--compact">
          <caption className="visually-hidden" id={labelId}>
            {t("analytics.chart.tableLabel")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("analytics.chart.day")}</th>
              <th scope="col" className="table__num">
                {t("analytics.chart.messages")}
              </th>
              <th scope="col" className="table__num">
                {t("analytics.chart.chats")}
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  <time dateTime={day.date}>{format.weekDay(day.date)}</time>
                </th>
                <td className="table__num">{format.count(day.messages)}</td>
                <td className="table__num">{format.count(day.chats)}</td>
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
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const descId = useId();
  const { top, ticks } = niceScale(Math.max(0, ...days.map((d) => Math.max(d.messages, d.chats))));

  return (
    <figure className="card chart">
      <figcaption className="card__header card__header--row chart__header">
        <span className="card__title" id={titleId}>
          {t("analytics.chart.title")}
        </span>
        <span className="chart__legend" aria-hidden="true">
          <span className="chart__key chart__key--messages">{t("analytics.chart.messages")}</span>
          <span className="chart__key chart__key--chats">{t("analytics.chart.chats")}</span>
        </span>
      </figcaption>
      <div className="card__body">
        <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
          <desc id={descId}>{describe(days, t, format)}</desc>
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
