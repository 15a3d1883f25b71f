import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../../components/Field";
import { message, useMessageText, type Message } from "../../../i18n/message";
import { isIsoDate } from "../lib/dates";

export interface RangeErrors {
  from?: string;
  to?: string;
}

interface Props {
  /** The range shown now; the inputs start from it and follow it when a preset is picked. */
  from: string;
  to: string;
  /** What the API said about the range (422 `details.field`). */
  errors: RangeErrors;
  onApply: (from: string, to: string) => void;
}

/**
 * From/to inputs applied with a button, not on every change: typing a year in a
 * date input passes through days like 0002-03-04, which would each fetch a report.
 */
export function CustomRangeForm({ from, to, errors, onApply }: Props) {
  const { t } = useTranslation();
  const text = useMessageText();
  const [draft, setDraft] = useState({ from, to });
  const [missing, setMissing] = useState<{ from?: Message; to?: Message }>({});
  // A new range from outside (a preset, the URL) replaces the draft.
  const [shown, setShown] = useState({ from, to });
  if (shown.from !== from || shown.to !== to) {
    setShown({ from, to });
    setDraft({ from, to });
    setMissing({});
  }

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const next = {
      ...(isIsoDate(draft.from) ? {} : { from: message("analytics.controls.missingFrom") }),
      ...(isIsoDate(draft.to) ? {} : { to: message("analytics.controls.missingTo") }),
    };
    setMissing(next);
    if (!next.from && !next.to) onApply(draft.from, draft.to);
  }

  return (
    <form className="range-form" aria-label={t("analytics.controls.custom")} noValidate onSubmit={onSubmit}>
      <TextField
        id="analytics-from"
        label={t("analytics.controls.from")}
        type="date"
        value={draft.from}
        error={missing.from ? text(missing.from) : errors.from}
        onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
      />
      <TextField
        id="analytics-to"
        label={t("analytics.controls.to")}
        type="date"
        value={draft.to}
        error={missing.to ? text(missing.to) : errors.to}
        onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
      />
      <button type="submit" className="button button--secondary range-form__apply">
        {t("analytics.controls.apply")}
      </button>
    </form>
  );
}
