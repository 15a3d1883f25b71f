import { useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import type { Assistant, KnowledgeSource, RefetchSchedule } from "../../../api/types";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { FieldShell } from "../../../components/Field";
import { useToast } from "../../../components/toastContext";
import { message, useMessageText } from "../../../i18n/message";
import { useFormat } from "../../../i18n/useFormat";
import { useDeleteSource, useRefetchSource, useSetAttachments, useSetSchedule } from "../api/sources";
import { isWebSource } from "../lib/kinds";
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
      aria-label={t(isWebSource(source.kind) ? "knowledge.actions.refetchLabel" : "knowledge.actions.reprocessLabel", { title: source.title })}
      disabled={busy || refetch.isPending}
      onClick={() =>
        refetch.mutate(source.id, {
          onError: (error) => toast(message("knowledge.actions.refetchFailed", { reason: text(describeError(error)) })),
        })
      }
    >
      {isWebSource(source.kind) ? t("knowledge.actions.refetch") : t("knowledge.actions.reprocess")}
    </button>
  );
}

const SCHEDULES: RefetchSchedule[] = ["daily", "weekly"];

/** A web source's refetch schedule, changed after it was added. */
function ScheduleButton({ source }: { source: KnowledgeSource }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const toast = useToast();
  const save = useSetSchedule();
  const [open, setOpen] = useState(false);
  const [refetch, setRefetch] = useState<RefetchSchedule | "">(source.refetch ?? "");
  const field = `schedule-${source.id}`;
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-label={t("knowledge.actions.scheduleLabel", { title: source.title })}
        onClick={() => {
          setRefetch(source.refetch ?? "");
          setOpen(true);
        }}
      >
        {t("knowledge.actions.schedule")}
      </button>
      {open && (
        <ConfirmDialog
          tone="primary"
          title={t("knowledge.actions.scheduleTitle", { title: source.title })}
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
              { id: source.id, refetch: refetch || null },
              {
                onSuccess: () => {
                  setOpen(false);
                  toast(message("knowledge.actions.scheduleDone", { title: source.title }));
                },
              },
            )
          }
        >
          <FieldShell id={field} label={t("knowledge.add.refetch")} hint={t("knowledge.add.refetchHint")}>
            {(aria) => (
              <select id={field} className="input select" value={refetch} onChange={(e) => setRefetch(SCHEDULES.find((r) => r === e.target.value) ?? "")} {...aria}>
                <option value="">{t("knowledge.refetch.never")}</option>
                {SCHEDULES.map((r) => (
                  <option key={r} value={r}>
                    {t(`knowledge.refetch.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </FieldShell>
        </ConfirmDialog>
      )}
    </>
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

/** What an admin can do with a source: its assistants, fetch it again (and when), delete it. */
export function SourceActions({ source, assistants }: { source: KnowledgeSource; assistants: Assistant[] }) {
  return (
    <div className="row-actions">
      <EditAssistants source={source} assistants={assistants} />
      <RefetchButton source={source} />
      {isWebSource(source.kind) && <ScheduleButton source={source} />}
      <DeleteButton source={source} />
    </div>
  );
}
