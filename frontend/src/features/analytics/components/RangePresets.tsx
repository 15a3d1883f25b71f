import { useId } from "react";
import { useTranslation } from "react-i18next";
import { PRESETS, type PresetId } from "../hooks/useAnalyticsView";

interface Props {
  /** The preset in use; null while a custom range is shown. */
  active: PresetId | null;
  onChange: (preset: PresetId) => void;
}

/** Quick ranges as toggle buttons (aria-pressed), so the choice is announced. */
export function RangePresets({ active, onChange }: Props) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <div className="field">
      <span className="field__label" id={labelId}>
        {t("analytics.controls.range")}
      </span>
      <div className="segmented" role="group" aria-labelledby={labelId}>
        {PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className="segmented__button"
            aria-pressed={active === preset.id}
            onClick={() => onChange(preset.id)}
          >
            {t(`analytics.controls.presets.${preset.id}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
