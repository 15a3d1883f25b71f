import type { WebhookEventType } from "../../../api/types";
import type { MessageKey } from "../../../i18n/message";

/** Each event's name for people; the wire name is shown beside it. */
export const EVENT_LABELS = {
  "chat.started": "webhooks.events.chatStarted",
  "message.created": "webhooks.events.messageCreated",
  "reply.completed": "webhooks.events.replyCompleted",
  "reply.failed": "webhooks.events.replyFailed",
  "chat.handoff_requested": "webhooks.events.handoffRequested",
  "chat.resolved": "webhooks.events.chatResolved",
} as const satisfies Record<WebhookEventType, MessageKey>;
