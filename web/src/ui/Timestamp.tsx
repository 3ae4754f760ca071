const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Renders an ISO 8601 DateTime from the API in the reader's locale and time zone. */
export function Timestamp({ value, prefix }: { value: string; prefix?: string }) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return <span>{value}</span>;
  }
  return (
    <time dateTime={value}>
      {prefix ? `${prefix} ` : null}
      {formatter.format(date)}
    </time>
  );
}
