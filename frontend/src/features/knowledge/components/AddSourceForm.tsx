import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { toFormErrors } from "../../../api/errors";
import type { Assistant, KnowledgeKind, RefetchSchedule } from "../../../api/types";
import { Alert } from "../../../components/Alert";
import { FieldShell, TextAreaField, TextField } from "../../../components/Field";
import { useToast } from "../../../components/toastContext";
import { message, useMessageText, type Message } from "../../../i18n/message";
import { useCreateSource, useKnowledgeLimits, type NewSource } from "../api/sources";
import { checkBody, checkPageLimit, checkTitle, checkUrl, PAGE_LIMIT_MAX, TEXT_MAX, TITLE_MAX, URL_MAX } from "../lib/checks";
import { fileProblem } from "../lib/files";
import { AssistantChecklist } from "./AssistantChecklist";
import { FileDrop } from "./FileDrop";

const KINDS: KnowledgeKind[] = ["file", "text", "url", "sitemap", "crawl"];
/** The fields the form shows, by the names the API gives them in `details.field`. */
const SHOWN = new Set(["title", "text", "url", "file", "page_limit"]);

const REFETCH: RefetchSchedule[] = ["daily", "weekly"];

const PLACEHOLDER = {
  url: "https://shop.example.com/hours",
  sitemap: "https://shop.example.com/sitemap.xml",
  crawl: "https://shop.example.com/",
} as const;

type Errors = Partial<Record<"title" | "text" | "url" | "file" | "page_limit", Message>>;

/** Add a source: a file (picked or dropped), pasted text, a web page or a site (sitemap or crawl), and its assistants. */
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
  const [pageLimit, setPageLimit] = useState("");
  const [refetch, setRefetch] = useState<RefetchSchedule | "">("");
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
    if (kind === "url" || kind === "sitemap" || kind === "crawl") add("url", checkUrl(url));
    if (kind === "sitemap" || kind === "crawl") add("page_limit", checkPageLimit(pageLimit));
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
    const schedule = refetch ? { refetch } : {};
    switch (kind) {
      case "text":
        return { kind, body: { title: given, text: body, assistant_ids: attached } };
      case "url":
        return { kind, body: { ...common, ...schedule, url: url.trim(), assistant_ids: attached } };
      case "sitemap":
      case "crawl": {
        const limit = pageLimit.trim() ? { page_limit: Number(pageLimit) } : {};
        return { kind: "site", body: { ...common, ...limit, ...schedule, mode: kind, url: url.trim(), assistant_ids: attached } };
      }
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
        setPageLimit("");
        setRefetch("");
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
          <div className="segmented segmented--wrap">
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
        {(kind === "url" || kind === "sitemap" || kind === "crawl") && (
          <TextField
            id="source-url"
            type="url"
            inputMode="url"
            label={t(`knowledge.add.urlLabel.${kind}`)}
            hint={t(`knowledge.add.urlHintFor.${kind}`)}
            placeholder={PLACEHOLDER[kind]}
            value={url}
            maxLength={URL_MAX}
            error={error("url")}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
        {(kind === "sitemap" || kind === "crawl") && (
          <TextField
            id="source-page-limit"
            type="number"
            inputMode="numeric"
            min={1}
            max={PAGE_LIMIT_MAX}
            label={t("knowledge.add.pageLimit")}
            hint={t("knowledge.add.pageLimitHint")}
            optional
            value={pageLimit}
            error={error("page_limit")}
            onChange={(e) => setPageLimit(e.target.value)}
          />
        )}
        {(kind === "url" || kind === "sitemap" || kind === "crawl") && (
          <FieldShell id="source-refetch" label={t("knowledge.add.refetch")} hint={t("knowledge.add.refetchHint")}>
            {(aria) => (
              <select id="source-refetch" className="input select" value={refetch} onChange={(e) => setRefetch(REFETCH.find((r) => r === e.target.value) ?? "")} {...aria}>
                <option value="">{t("knowledge.refetch.never")}</option>
                {REFETCH.map((r) => (
                  <option key={r} value={r}>
                    {t(`knowledge.refetch.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </FieldShell>
        )}
        <TextField
          id="source-title"
          label={t("knowledge.add.titleLabel")}
          hint={kind === "text" ? undefined : kind === "file" ? t("knowledge.add.titleHintFile") : kind === "url" ? t("knowledge.add.titleHintUrl") : t("knowledge.add.titleHintSite")}
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
