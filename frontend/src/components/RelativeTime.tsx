import { formatDateTime, formatRelative } from "../lib/time";

/** "5 minutes ago", with the exact time on hover and for machines. */
export function RelativeTime({ value }: { value: string }) {
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatRelative(value)}
    </time>
  );
}
