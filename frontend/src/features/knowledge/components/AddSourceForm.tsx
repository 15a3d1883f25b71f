import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { toFormErrors } from "../../../api/errors";
import type { Assistant, KnowledgeKind } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { TextAreaField, TextField } from "../../../components/Field";
import { useToast } from "../../../components/toastContext";
import { message, useMessageText, type Message } from "../../../i18n/message";
import { useCreateSource, useKnowledgeLimits, type NewSource } from "../api/sources";
import { checkBody, checkTitle, checkUrl, TEXT_MAX, TITLE_MAX, URL_MAX } from "../lib/checks";
import { fileProblem } from "../lib/files";
import { AssistantChecklist } from "./AssistantChecklist";
import { FileDrop } from "./FileDrop";

const KINDS: KnowledgeKind[] = ["file", "text", "url"];
/** The fields the form shows, by the names the API gives them in `details.field`. */
const SHOWN = new Set(["title", "text", "url", "file"]);

type Errors = Partial<Record<"title" | "text" | "url" | "file", Message>>;

/** Add a source: a file (picked or dropped), pasted text or a web page, and its assistants. */
export function AddSourceForm({ assistants }: { assistants: Assistant[] }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const toast = useToast();
  const limits = useKnowledgeLimits();
  const create = useCreateSource();
  const [kind, setKind] = useState<KnowledgeKind>("file");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  // New sources answer for every assistant unless the admin says otherwise.
  const [attached, setAttached] = useState<string[]>(() => assistants.map((a) => a.id));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<Message | null>(null);

  const maxBytes = limits.data?.max_file_bytes;

  function check(): Errors {
    const found: Errors = {};
    const add = (field: keyof Errors, problem: Message | null) => {
      if (problem) found[field] = problem;
    };
    add("title", checkTitle(title, kind === "text"));
    if (kind === "text") add("text", checkBody(body));
    if (kind === "url") add("url", checkUrl(url));
    if (kind === "file") add("file", file ? fileProblem(file, maxBytes) : message("knowledge.add.file.required"));
    return found;
  }

  function chooseFile(next: File | null) {
    setFile(next);
    setErrors((e) => ({ ...e, file: next ? (fileProblem(next, maxBytes) ?? undefined) : undefined }));
  }

  function request(): NewSource | null {
    const given = title.trim();
    const common = { ...(given ? { title: given } : {}) };
    switch (kind) {
      case "text":
        return { kind, body: { title: given, text: body, assistant_ids: attached } };
      case "url":
        return { kind, body: { ...common, url: url.trim(), assistant_ids: attached } };
      case "file":
        return file ? { kind, file, ...common, assistantIds: attached } : null;
    }
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setFormError(null);
    const next = request();
    if (Object.keys(found).length > 0 || !next) return;
    create.mutate(next, {
      onSuccess: (source) => {
        setTitle("");
        setBody("");
        setUrl("");
        setFile(null);
        toast(message("knowledge.add.done", { title: source.title }));
      },
      onError: (error) => {
        const split = toFormErrors(error, (field) => SHOWN.has(field));
        setErrors(split.fields);
        setFormError(split.form);
      },
    });
  }

  const error = (field: keyof Errors) => {
    const problem = errors[field];
    return problem ? text(problem) : undefined;
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-source-title" noValidate>
      <div className="card__header">
        <h2 className="card__title" id="add-source-title">
          {t("knowledge.add.title")}
        </h2>
        <p className="card__subtitle">{t("knowledge.add.subtitle")}</p>
      </div>
      <div className="card__body form">
        <fieldset className="field">
          <legend className="field__label">{t("knowledge.add.kind")}</legend>
          <div className="segmented">
            {KINDS.map((k) => (
              <label key={k} className="segmented__option">
                <input
                  type="radio"
                  name="source-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setErrors({});
                    setFormError(null);
                  }}
                />
                <span>{t(`knowledge.kind.${k}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {kind === "file" && <FileDrop id="source-file" file={file} onFile={chooseFile} maxBytes={maxBytes} error={error("file")} />}
        {kind === "url" && (
          <TextField
            id="source-url"
            type="url"
            inputMode="url"
            label={t("knowledge.add.url")}
            hint={t("knowledge.add.urlHint")}
            placeholder="https://shop.example.com/hours"
            value={url}
            maxLength={URL_MAX}
            error={error("url")}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
        <TextField
          id="source-title"
          label={t("knowledge.add.titleLabel")}
          hint={kind === "text" ? undefined : kind === "url" ? t("knowledge.add.titleHintUrl") : t("knowledge.add.titleHintFile")}
          optional={kind !== "text"}
          value={title}
          maxLength={TITLE_MAX}
          error={error("title")}
          onChange={(e) => setTitle(e.target.value)}
        />
        {kind === "text" && (
          <TextAreaField
            id="source-text"
            label={t("knowledge.add.text")}
            hint={t("knowledge.add.textHint")}
            rows={8}
            value={body}
            maxLength={TEXT_MAX}
            error={error("text")}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
        <AssistantChecklist id="source-assistants" legend={t("knowledge.add.assistants")} assistants={assistants} selected={attached} onChange={setAttached} />
        {formError && <Alert tone="error">{text(formError)}</Alert>}
        <div>
          <button type="submit" className="button button--primary" disabled={create.isPending} aria-busy={create.isPending}>
            {create.isPending ? t("knowledge.add.adding") : t("knowledge.add.submit")}
          </button>
        </div>
      </div>
    </form>
  );
}
