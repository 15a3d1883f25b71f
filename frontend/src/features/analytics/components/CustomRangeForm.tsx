import { useState, type SubmitEvent } from "react";
import { TextField } from "../../../components/Field";
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
  const [draft, setDraft] = useState({ from, to });
  const [missing, setMissing] = useState<RangeErrors>({});
  // A new range from outside (a preset, the URL) replaces the draft.
  const [shown, setShown] = useState({ from, to });
  if (shown.from !== from || shown.to !== to) {
    setShown({ from, to });
    setDraft({ from, to });
    setMissing({});
  }

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const next: RangeErrors = {
      ...(isIsoDate(draft.from) ? {} : { from: "Enter the first day." }),
      ...(isIsoDate(draft.to) ? {} : { to: "Enter the last day." }),
    };
    setMissing(next);
    if (!next.from && !next.to) onApply(draft.from, draft.to);
  }

  return (
    <form className="range-form" aria-label="Custom range" noValidate onSubmit={onSubmit}>
      <TextField
        id="analytics-from"
        label="From"
        type="date"
        value={draft.from}
        error={missing.from ?? errors.from}
        onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
      />
      <TextField
        id="analytics-to"
        label="To"
        type="date"
        value={draft.to}
        error={missing.to ?? errors.to}
        onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
      />
      <button type="submit" className="button button--secondary range-form__apply">
        Apply
      </button>
    </form>
  );
}
