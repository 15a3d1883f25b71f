import { useTranslation } from "react-i18next";
import type { Assistant } from "../../../api/types";

interface Props {
  id: string;
  legend: string;
  assistants: Assistant[];
  selected: string[];
  onChange: (selected: string[]) => void;
  disabled?: boolean;
}

/** The assistants a source is attached to: one checkbox each. */
export function AssistantChecklist({ id, legend, assistants, selected, onChange, disabled }: Props) {
  const { t } = useTranslation();
  function toggle(assistantId: string, on: boolean) {
    onChange(on ? [...selected, assistantId] : selected.filter((a) => a !== assistantId));
  }
  return (
    <fieldset className="checklist" disabled={disabled}>
      <legend className="field__label">{legend}</legend>
      {assistants.length === 0 ? (
        <p className="field__hint">{t("knowledge.assistants.none")}</p>
      ) : (
        <ul className="checklist__items">
          {assistants.map((a) => (
            <li key={a.id}>
              <label className="checklist__item" htmlFor={`${id}-${a.id}`}>
                <input id={`${id}-${a.id}`} type="checkbox" checked={selected.includes(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} />
                <span>{a.name}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
