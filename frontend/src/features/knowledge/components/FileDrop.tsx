import { useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import { ACCEPT } from "../lib/files";
import { formatBytes } from "../lib/numbers";

interface Props {
  id: string;
  file: File | null;
  onFile: (file: File | null) => void;
  /** The largest file the API takes; unknown while the limits load. */
  maxBytes: number | undefined;
  error?: string | undefined;
}

/**
 * A file picker that also takes a dropped file. The real `<input type=file>` stays in
 * the page (visually hidden, still focusable), so keyboards and screen readers use it
 * as usual; the drop zone is its label.
 */
export function FileDrop({ id, file, onFile, maxBytes, error }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [over, setOver] = useState(false);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  }

  return (
    <div className={error ? "field field--invalid" : "field"}>
      <span className="field__label" id={`${id}-label`}>
        {t("knowledge.add.file.label")}
      </span>
      <label
        htmlFor={id}
        className={`drop-zone${over ? " drop-zone--over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="file-drop"
      >
        <input
          id={id}
          type="file"
          className="visually-hidden"
          accept={ACCEPT}
          aria-labelledby={`${id}-label`}
          aria-describedby={[error ? errorId : "", hintId].filter(Boolean).join(" ")}
          {...(error ? { "aria-invalid": true } : {})}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
        {file ? (
          <span className="drop-zone__file">
            <strong>{file.name}</strong> · {formatBytes(file.size, format.locale)}
          </span>
        ) : (
          <span className="drop-zone__prompt">{t("knowledge.add.file.prompt")}</span>
        )}
        <span className="drop-zone__action">{file ? t("knowledge.add.file.change") : t("knowledge.add.file.choose")}</span>
      </label>
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      <p className="field__hint" id={hintId}>
        {maxBytes === undefined ? t("knowledge.add.file.types") : t("knowledge.add.file.hint", { size: formatBytes(maxBytes, format.locale) })}
      </p>
    </div>
  );
}
