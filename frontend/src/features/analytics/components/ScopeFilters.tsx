import { FieldShell } from "../../../components/Field";
import { useAssistants } from "../../assistants/api/assistants";
import { timeZones } from "../lib/dates";

interface Props {
  assistantId: string | null;
  timezone: string;
  /** What the API said about the timezone (422 `details.field`). */
  timezoneError?: string | undefined;
  onAssistantChange: (assistantId: string | null) => void;
  onTimezoneChange: (timezone: string) => void;
}

/** Which assistant, and which timezone's days. */
export function ScopeFilters({ assistantId, timezone, timezoneError, onAssistantChange, onTimezoneChange }: Props) {
  const assistants = useAssistants();
  const zones = timeZones();

  return (
    <>
      <FieldShell id="analytics-assistant" label="Assistant">
        {(aria) => (
          <select
            id="analytics-assistant"
            className="input select"
            value={assistantId ?? ""}
            onChange={(e) => onAssistantChange(e.target.value || null)}
            disabled={assistants.isPending}
            {...aria}
          >
            <option value="">All assistants</option>
            {/* A shared link may name an assistant this list doesn't have (yet). */}
            {assistantId && !assistants.data?.some((a) => a.id === assistantId) && (
              <option value={assistantId}>{assistants.isPending ? "Loading…" : "Unknown assistant"}</option>
            )}
            {assistants.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </FieldShell>
      <FieldShell id="analytics-timezone" label="Timezone" error={timezoneError}>
        {(aria) => (
          <select
            id="analytics-timezone"
            className="input select select--timezone"
            value={timezone}
            onChange={(e) => onTimezoneChange(e.target.value)}
            {...aria}
          >
            {!zones.includes(timezone) && <option value={timezone}>{timezone}</option>}
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        )}
      </FieldShell>
    </>
  );
}
