import { useState } from "react";
import { useNavigate } from "react-router";
import { describeError } from "../../../api/errors";
import type { Assistant } from "../../../api/types";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { useDeleteAssistant } from "../api/assistants";

export function DeleteAssistant({ assistant }: { assistant: Assistant }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteAssistant(assistant.id);
  const navigate = useNavigate();

  return (
    <section className="card card--danger" aria-labelledby="danger-title">
      <div className="card__header">
        <h2 className="card__title" id="danger-title">
          Delete assistant
        </h2>
        <p className="card__subtitle">Removes the assistant with all of its chats and messages.</p>
      </div>
      <div className="card__body">
        <button type="button" className="button button--danger-outline" onClick={() => setOpen(true)}>
          Delete assistant
        </button>
      </div>
      {open && (
        <ConfirmDialog
          title={`Delete “${assistant.name}”?`}
          confirmLabel="Delete assistant"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          error={remove.isError ? describeError(remove.error) : null}
          onCancel={() => {
            setOpen(false);
            remove.reset();
          }}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                void navigate("/assistants", { replace: true, state: { notice: `“${assistant.name}” was deleted.` } });
              },
            })
          }
        >
          <p>
            This deletes the assistant and all of its chats and messages. Widgets already pasted on websites stop
            working. This can't be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
