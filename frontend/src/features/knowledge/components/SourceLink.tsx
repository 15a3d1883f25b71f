/** A cited source's title: a link to the page when it has one. */
export function SourceLink({ title, url }: { title: string; url?: string | null }) {
  return url ? (
    <a href={url} target="_blank" rel="noreferrer noopener" className="chunk__source">
      {title}
    </a>
  ) : (
    <span className="chunk__source">{title}</span>
  );
}
