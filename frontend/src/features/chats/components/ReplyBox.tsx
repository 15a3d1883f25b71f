import { useId, useState, type KeyboardEvent, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../../api/errors";
import { useMessageText } from "../../../i18n/message";
import { charCount } from "../../../lib/textRules";
import { useReply } from "../api/chats";

const MAX_CHARS = 4000;

/**
 * The member's answer to the visitor. Enter sends, Shift+Enter starts a new line. A
 * failed send keeps the text and its id, so sending again never stores it twice.
 */
export function ReplyBox({ chatId, enabled }: { chatId: string; enabled: boolean }) {
  const { t } = useTranslation();
  const text = useMessageText();
  const id = useId();
  const reply = useReply(chatId);
  const [draft, setDraft] = useState("");
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const tooLong = charCount(draft) > MAX_CHARS;
  const canSend = enabled && draft.trim().length > 0 && !tooLong && !reply.isPending;

  const send = (event?: SubmitEvent | KeyboardEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    reply.mutate(
      { content: draft, client_message_id: clientId },
      {
        onSuccess: () => {
          setDraft("");
          setClientId(crypto.randomUUID());
        },
      },
    );
  };
  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) send(event);
  };

  return (
    <form className="reply-box" onSubmit={send}>
      <label id={`${id}-label`} htmlFor={`${id}-text`} className="reply-box__label">
        {t("inbox.reply.label")}
      </label>
      <textarea
        id={`${id}-text`}
        className="input textarea reply-box__input"
        rows={3}
        value={draft}
        disabled={!enabled}
        aria-invalid={tooLong || undefined}
        aria-describedby={`${id}-hint`}
        placeholder={enabled ? t("inbox.reply.placeholder") : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKey}
      />
      <div className="reply-box__footer">
        <p id={`${id}-hint`} className={tooLong ? "field__error" : "field__hint"}>
          {!enabled ? t("inbox.reply.disabled") : tooLong ? t("validation.tooLong", { max: MAX_CHARS }) : t("inbox.reply.hint")}
        </p>
        <button type="submit" className="button button--primary" disabled={!canSend} aria-busy={reply.isPending}>
          {reply.isPending ? t("inbox.reply.sending") : t("inbox.reply.send")}
        </button>
      </div>
      {reply.isError && (
        <p className="field__error" role="alert">
          {text(describeError(reply.error))}
        </p>
      )}
    </form>
  );
}
