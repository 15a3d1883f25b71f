import { Link } from "react-router";
import { EmptyState } from "../../../components/States";

/** Nothing happened in the range: point at the one thing that makes traffic, the widget. */
export function NoTraffic({ hasAssistants }: { hasAssistants: boolean }) {
  return (
    <EmptyState
      title="No traffic in this range"
      action={
        <Link className="button button--secondary" to="/assistants">
          {hasAssistants ? "Get an embed snippet" : "Go to assistants"}
        </Link>
      }
    >
      {hasAssistants ? (
        <p>
          Paste an assistant's embed snippet on your website: visitors' chats, replies, tokens and cost show up here within
          seconds.
        </p>
      ) : (
        <p>Create an assistant, then paste its embed snippet on your website to start seeing visitors' chats here.</p>
      )}
    </EmptyState>
  );
}
