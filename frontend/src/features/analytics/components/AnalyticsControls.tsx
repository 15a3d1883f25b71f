import type { AnalyticsView, useAnalyticsView } from "../hooks/useAnalyticsView";
import { CustomRangeForm } from "./CustomRangeForm";
import { RangePresets } from "./RangePresets";
import { ScopeFilters } from "./ScopeFilters";

type ViewActions = Omit<ReturnType<typeof useAnalyticsView>, "view">;

interface Props extends ViewActions {
  view: AnalyticsView;
  /** The API's validation messages, keyed by its field names (`from`, `to`, `timezone`). */
  fieldErrors: Record<string, string>;
}

/** Everything that picks what the report covers. */
export function AnalyticsControls({ view, fieldErrors, setPreset, setRange, setAssistant, setTimezone }: Props) {
  return (
    <section className="analytics-controls" aria-label="Report settings">
      <RangePresets active={view.preset} onChange={setPreset} />
      <CustomRangeForm from={view.from} to={view.to} errors={{ from: fieldErrors.from, to: fieldErrors.to }} onApply={setRange} />
      <ScopeFilters
        assistantId={view.assistantId}
        timezone={view.timezone}
        timezoneError={fieldErrors.timezone}
        onAssistantChange={setAssistant}
        onTimezoneChange={setTimezone}
      />
    </section>
  );
}
