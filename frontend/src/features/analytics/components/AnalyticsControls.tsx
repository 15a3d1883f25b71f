import { useTranslation } from "react-i18next";
import type { Message } from "../../../i18n/message";
import { useMessageText } from "../../../i18n/message";
import type { AnalyticsView, useAnalyticsView } from "../hooks/useAnalyticsView";
import { CustomRangeForm } from "./CustomRangeForm";
import { RangePresets } from "./RangePresets";
import { ScopeFilters } from "./ScopeFilters";

type ViewActions = Omit<ReturnType<typeof useAnalyticsView>, "view">;

interface Props extends ViewActions {
  view: AnalyticsView;
  /** The API's validation messages, keyed by its field names (`from`, `to`, `timezone`). */
  fieldErrors: Record<string, Message>;
}

/** Everything that picks what the report covers. */
export function AnalyticsControls({ view, fieldErrors, setPreset, setRange, setAssistant, setTimezone }: Props) {
  const { t } = useTranslation();
  const text = useMessageText();
  const errors = Object.fromEntries(Object.entries(fieldErrors).map(([field, m]) => [field, text(m)]));
  return (
    <section className="analytics-controls" aria-label={t("analytics.controls.label")}>
      <RangePresets active={view.preset} onChange={setPreset} />
      <CustomRangeForm from={view.from} to={view.to} errors={{ from: errors.from, to: errors.to }} onApply={setRange} />
      <ScopeFilters
        assistantId={view.assistantId}
        timezone={view.timezone}
        timezoneError={errors.timezone}
        onAssistantChange={setAssistant}
        onTimezoneChange={setTimezone}
      />
    </section>
  );
}
