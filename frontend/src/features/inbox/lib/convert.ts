// The socket speaks the realtime protocol (camelCase, generated from shared/src/events);
// the cache holds the REST shapes (snake_case, generated from the OpenAPI spec). These
// two functions are the only place one becomes the other.
import type { ChatEventPayload, MessagePayload } from "../../../api/generated/protocol";
import type { ChatEvent, Message } from "../../../api/types";

/** A `new_message` as the transcript stores it (usage figures come with the next fetch). */
export function messageFromSocket(payload: MessagePayload): Message {
  return {
    id: payload.id,
    role: payload.role,
    content: payload.content,
    status: payload.status,
    created_at: payload.createdAt,
    ...(payload.seq != null ? { seq: payload.seq } : {}),
    ...(payload.authorName ? { author_name: payload.authorName } : {}),
  };
}

/** A `chat_state_changed` event as the chat's stored history holds it. */
export function chatEventFromSocket(event: ChatEventPayload): ChatEvent {
  return {
    id: event.id,
    kind: event.kind,
    from_state: event.fromState,
    to_state: event.toState,
    created_at: event.createdAt,
    ...(event.actorId ? { actor_id: event.actorId } : {}),
    ...(event.actorName ? { actor_name: event.actorName } : {}),
    ...(event.assigneeId ? { assignee_id: event.assigneeId } : {}),
    ...(event.assigneeName ? { assignee_name: event.assigneeName } : {}),
  };
}
