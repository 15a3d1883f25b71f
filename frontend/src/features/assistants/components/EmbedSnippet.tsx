import type { Assistant } from "../../../api/types";
import { CopyButton } from "../../../components/CopyButton";

/** The one-line snippet customers paste into their pages, with Copy and a preview link. */
export function EmbedSnippet({ assistant }: { assistant: Assistant }) {
  const noOrigins = assistant.allowed_origins.length === 0;
  return (
    <section className="card" aria-labelledby="embed-title">
      <div className="card__header">
        <h2 className="card__title" id="embed-title">
          Embed on your website
        </h2>
        <p className="card__subtitle">
          Paste this before <code>&lt;/body&gt;</code> on a page of an allowed origin.
        </p>
      </div>
      <div className="card__body stack">
        <pre className="snippet" role="region" aria-label="Embed snippet" tabIndex={0}>
          <code>{assistant.embed_snippet}</code>
        </pre>
        <div className="snippet__actions">
          <CopyButton text={assistant.embed_snippet} label="Copy snippet" />
          <a
            className="button button--secondary button--small"
            href={`/widget/demo.html?assistant=${encodeURIComponent(assistant.id)}`}
            target="_blank"
            rel="noreferrer"
          >
            Open preview
          </a>
        </div>
        {noOrigins ? (
          <p className="note note--warning">
            No allowed origins yet: an empty list allows only the dashboard's preview. Add your site's origin below
            before pasting the snippet.
          </p>
        ) : (
          <p className="note">
            Works on{" "}
            {assistant.allowed_origins.map((o, i) => (
              <span key={o}>
                {i > 0 && ", "}
                <code>{o}</code>
              </span>
            ))}
            . An empty list allows only the dashboard's preview.
          </p>
        )}
        {assistant.status === "paused" && (
          <p className="note note--warning">This assistant is paused: the widget refuses new chats.</p>
        )}
      </div>
    </section>
  );
}
