import { useFormat } from "../i18n/useFormat";

/** "5 minutes ago", with the exact time on hover and for machines. */
export function RelativeTime({ value }: { value: string }) {
  const format = useFormat();
  return (
    <time dateTime={value} title={format.dateTime(value)}>
      {format.relative(value)}
    </time>
  );
}
