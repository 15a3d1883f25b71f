import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { describeError } from "../../../api/errors";
import type { Assistant } from "../../../api/types";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { useToast } from "../../../components/toastContext";
import { message, useMessageText } from "../../../i18n/message";
import { useDeleteAssistant } from "../api/assistants";

interface Props {
  assistant: Assistant;
  /** Called just before leaving the deleted assistant's page (lets its form go unasked). */
  onDeleted?: () => void;
}

export function DeleteAssistant({ assistant, onDeleted }: Props) {
  const { t } = useTranslation();
  const text = useMessageText();
  const [open, setOpen] = useState(false);
  const remove = useDeleteAssistant(assistant.id);
  const navigate = useNavigate();
  const toast = useToast();

  return (
    <section className="card card--danger" aria-labelledby="danger-title">
      <div className="card__header">
        <h2 className="card__title" id="danger-title">
          {t("assistants.delete.title")}
        </h2>
        <p className="card__subtitle">{t("assistants.delete.hint")}</p>
      </div>
      <div className="card__body">
        <button type="button" className="button button--danger-outline" onClick={() => setOpen(true)}>
          {t("assistants.delete.button")}
        </button>
      </div>
      {open && (
        <ConfirmDialog
          title={t("assistants.delete.confirmTitle", { name: assistant.name })}
          confirmLabel={t("assistants.delete.button")}
          pendingLabel={t("common.deleting")}
          pending={remove.isPending}
          error={remove.isError ? text(describeError(remove.error)) : null}
          onCancel={() => {
            setOpen(false);
            remove.reset();
          }}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                onDeleted?.();
                toast(message("assistants.delete.done", { name: assistant.name }));
                void navigate("/assistants", { replace: true });
              },
            })
          }
        >
          <p>{t("assistants.delete.confirmBody")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
