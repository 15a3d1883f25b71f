// What a `validation_failed` on each field means, in words for people. The API
// names the field (`details.field`); its own English sentence is not shown. Each
// text says what the field accepts, since the dashboard checked the obvious
// cases before sending (so what is left is what only the server knows).
import { message, type Message, type MessageKey } from "../i18n/message";

const FIELD_MESSAGES: Record<string, MessageKey> = {
  // Account
  full_name: "errors.field.full_name",
  email: "errors.field.email",
  password: "errors.field.password",
  workspace_name: "errors.field.workspace_name",
  // Assistant
  name: "errors.field.name",
  description: "errors.field.description",
  model: "errors.field.model",
  instructions: "errors.field.instructions",
  temperature: "errors.field.temperature",
  greeting: "errors.field.greeting",
  allowed_origins: "errors.field.allowed_origins",
  "allowed_origins[]": "errors.field.origin",
  theme: "errors.field.primary_color",
  "theme.primary_color": "errors.field.primary_color",
  "theme.position": "errors.field.position",
  status: "errors.field.status",
  // Knowledge sources
  title: "errors.field.title",
  text: "errors.field.text",
  url: "errors.field.url",
  file: "errors.field.file",
  language: "errors.field.language",
  assistant_ids: "errors.field.assistant_ids",
  question: "errors.field.question",
  // Analytics
  from: "errors.field.from",
  to: "errors.field.to",
  timezone: "errors.field.timezone",
};

/** `allowed_origins[3]` → `allowed_origins[]`: every row of a list reads the same. */
const normalise = (field: string) => field.replace(/\[\d+\]/g, "[]");

export function fieldMessage(field: string): Message {
  const key = FIELD_MESSAGES[normalise(field)];
  return key ? message(key) : message("errors.field.unknown");
}
