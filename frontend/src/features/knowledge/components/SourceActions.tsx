import { useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { Assistant, KnowledgeSource } from "../../../api/types";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { useToast } from "../../../components/toastContext";
import { message, useMessageText } from "../../../i18n/message";
import { useFormat } from "../../../i18n/useFormat";
import { useDeleteSource, useRefetchSource, useSetAttachments } from "../api/sources";
import { AssistantChecklist } from "./AssistantChecklist";

function EditAssistants({ source, assistants }: { source: KnowledgeSource; assistants: Assistant[] }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const toast = useToast();
  const save = useSetAttachments();
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>(source.assistant_ids);
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-label={t("knowledge.actions.assistantsLabel", { title: source.title })}
        onClick={() => {
          setSelected(source.assistant_ids);
          setOpen(true);
        }}
      >
        {t("knowledge.actions.assistants")}
      </button>
      {open && (
        <ConfirmDialog
          tone="primary"
          title={t("knowledge.actions.assistantsTitle", { title: source.title })}
          confirmLabel={t("knowledge.actions.save")}
          pendingLabel={t("knowledge.actions.saving")}
          pending={save.isPending}
          error={save.isError ? text(describeError(save.error)) : null}
          onCancel={() => {
            setOpen(false);
            save.reset();
          }}
          onConfirm={() =>
            save.mutate(
              { source, assistantIds: selected },
              {
                onSuccess: () => {
                  setOpen(false);
                  toast(message("knowledge.actions.assistantsDone", { title: source.title }));
                },
              },
            )
          }
        >
          <AssistantChecklist id={`attach-${source.id}`} legend={t("knowledge.actions.assistantsLegend")} assistants={assistants} selected={selected} onChange={setSelected} />
        </ConfirmDialog>
      )}
    </>
  );
}

function RefetchButton({ source }: { source: KnowledgeSource }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const toast = useToast();
  const refetch = useRefetchSource();
  const busy = source.state === "queued" || source.state === "processing";
  return (
    <button
      type="button"
      className="button button--secondary button--small"
      aria-label={t(source.kind === "url" ? "knowledge.actions.refetchLabel" : "knowledge.actions.reprocessLabel", { title: source.title })}
      disabled={busy || refetch.isPending}
      onClick={() =>
        refetch.mutate(source.id, {
          onError: (error) => toast(message("knowledge.actions.refetchFailed", { reason: text(describeError(error)) })),
        })
      }
    >
      {source.kind === "url" ? t("knowledge.actions.refetch") : t("knowledge.actions.reprocess")}
    </button>
  );
}

function DeleteButton({ source }: { source: KnowledgeSource }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const toast = useToast();
  const format = useFormat();
  const remove = useDeleteSource();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--danger-outline button--small"
        aria-label={t("knowledge.actions.deleteLabel", { title: source.title })}
        onClick={() => setOpen(true)}
      >
        {t("knowledge.actions.delete")}
      </button>
      {open && (
        <ConfirmDialog
          title={t("knowledge.actions.deleteTitle", { title: source.title })}
          confirmLabel={t("knowledge.actions.delete")}
          pendingLabel={t("common.deleting")}
          pending={remove.isPending}
          error={remove.isError ? text(describeError(remove.error)) : null}
          onCancel={() => {
            setOpen(false);
            remove.reset();
          }}
          onConfirm={() =>
            remove.mutate(source.id, {
              onSuccess: () => {
                setOpen(false);
                toast(message("knowledge.actions.deleted", { title: source.title }));
              },
            })
          }
        >
          <p>{t("knowledge.actions.deleteBody", { count: source.chunk_count, n: format.count(source.chunk_count) })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** What an admin can do with a source: its assistants, fetch it again, delete it. */
export function SourceActions({ source, assistants }: { source: KnowledgeSource; assistants: Assistant[] }) {
  return (
    <div className="row-actions">
      <EditAssistants source={source} assistants={assistants} />
      <RefetchButton source={source} />
      <DeleteButton source={source} />
    </div>
  );
}
