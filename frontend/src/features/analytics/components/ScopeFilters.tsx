import { useTranslation } from "react-i18next";
import { FieldShell } from "../../../components/Field";
import { useAssistants } from "../../assistants/api/assistants";
import { AssistantOptions } from "../../assistants/components/AssistantOptions";
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
  const { t } = useTranslation();
  const assistants = useAssistants();
  const zones = timeZones();

  return (
    <>
      <FieldShell id="analytics-assistant" label={t("analytics.controls.assistant")}>
        {(aria) => (
          <select
            id="analytics-assistant"
            className="input select"
            value={assistantId ?? ""}
            onChange={(e) => onAssistantChange(e.target.value || null)}
            disabled={assistants.isPending}
            {...aria}
          >
            <AssistantOptions selected={assistantId} assistants={assistants.data} loading={assistants.isPending} />
          </select>
        )}
      </FieldShell>
      <FieldShell id="analytics-timezone" label={t("analytics.controls.timezone")} error={timezoneError}>
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
