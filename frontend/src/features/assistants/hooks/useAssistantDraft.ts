import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toFormErrors } from "../../../api/errors";
import type { Assistant, AssistantStatus, CreateAssistantRequest, HandoffPolicy, LauncherPosition } from "../../../api/types";
import { message, type Message } from "../../../i18n/message";
import { loadDraft, removeDraft, saveDraft } from "../../../lib/drafts";
import { checkText } from "../../../lib/textRules";
import { checkOrigin } from "../lib/origin";

export const DEFAULT_MODEL = "mistral-small-latest";
export const DEFAULT_COLOR = "#2563eb"; // the API's default too
export const MAX_ORIGINS = 50;

export interface OriginRow {
  /** Stable React key; rows can be removed from the middle. */
  key: number;
  value: string;
}

export interface AssistantDraft {
  name: string;
  description: string;
  model: string;
  instructions: string;
  temperature: number;
  greeting: string;
  origins: OriginRow[];
  primaryColor: string;
  position: LauncherPosition;
  status: AssistantStatus;
  handoffPolicy: HandoffPolicy;
  offlineMessage: string;
}

type ScalarField = Exclude<keyof AssistantDraft, "origins">;

/** The API's field names for the draft's fields (what `details.field` says). */
export const API_FIELD: Record<ScalarField, string> = {
  name: "name",
  description: "description",
  model: "model",
  instructions: "instructions",
  temperature: "temperature",
  greeting: "greeting",
  primaryColor: "theme.primary_color",
  position: "theme.position",
  status: "status",
  handoffPolicy: "handoff_policy",
  offlineMessage: "offline_message",
};

/** Where to put focus for a field the API complained about. */
export function controlId(field: string): string {
  const origin = /^allowed_origins\[(\d+)\]$/.exec(field);
  if (origin) return `assistant-origin-${origin[1]}`;
  const ids: Record<string, string> = {
    name: "assistant-name",
    description: "assistant-description",
    model: "assistant-model",
    instructions: "assistant-instructions",
    temperature: "assistant-temperature",
    greeting: "assistant-greeting",
    "theme.primary_color": "assistant-color-hex",
    theme: "assistant-color-hex",
    "theme.position": "assistant-position-right",
    status: "assistant-status",
    handoff_policy: "assistant-handoff",
    offline_message: "assistant-offline-message",
    allowed_origins: "assistant-origin-add",
  };
  return ids[field] ?? "assistant-name";
}

const SHOWN_FIELDS = new Set([...Object.values(API_FIELD), "theme", "allowed_origins"]);
const isShownField = (field: string) => SHOWN_FIELDS.has(field) || /^allowed_origins\[\d+\]$/.test(field);

/** `#abc` → `#aabbcc`, which `<input type="color">` needs. */
export function sixDigitColor(color: string): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  return /^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : DEFAULT_COLOR;
}

function without<T>(errors: Record<string, T>, ...fields: string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => !fields.includes(field)));
}

let nextKey = 1;
const row = (value: string): OriginRow => ({ key: nextKey++, value });

export function emptyDraft(): AssistantDraft {
  return {
    name: "",
    description: "",
    model: DEFAULT_MODEL,
    instructions: "",
    temperature: 0.7,
    greeting: "",
    origins: [row("")],
    primaryColor: DEFAULT_COLOR,
    position: "right",
    status: "active",
    handoffPolicy: "never",
    offlineMessage: "",
  };
}

export function draftFrom(assistant: Assistant): AssistantDraft {
  return {
    name: assistant.name,
    description: assistant.description,
    model: assistant.model,
    instructions: assistant.instructions,
    temperature: Math.round(assistant.temperature * 100) / 100,
    greeting: assistant.greeting,
    origins: assistant.allowed_origins.length ? assistant.allowed_origins.map(row) : [row("")],
    primaryColor: assistant.theme.primary_color,
    position: assistant.theme.position,
    status: assistant.status,
    handoffPolicy: assistant.handoff_policy,
    offlineMessage: assistant.offline_message,
  };
}

/**
 * The request body, and for each origin sent, the row it came from: blank
 * rows are left out, so the API's `allowed_origins[i]` needs mapping back.
 */
export function toRequest(draft: AssistantDraft): { body: Required<CreateAssistantRequest>; originRows: number[] } {
  const originRows: number[] = [];
  const allowed: string[] = [];
  draft.origins.forEach((origin, index) => {
    const value = origin.value.trim();
    if (value) {
      originRows.push(index);
      allowed.push(value);
    }
  });
  return {
    body: {
      name: draft.name.trim(),
      description: draft.description.trim(),
      model: draft.model.trim(),
      instructions: draft.instructions,
      temperature: draft.temperature,
      greeting: draft.greeting.trim(),
      allowed_origins: allowed,
      theme: { primary_color: draft.primaryColor.trim(), position: draft.position },
      status: draft.status,
      handoff_policy: draft.handoffPolicy,
      offline_message: draft.offlineMessage.trim(),
    },
    originRows,
  };
}

const MODEL_ID = /^[A-Za-z0-9\-_.:/@]+$/;

/** Every rule the API applies that can be checked here, all at once, keyed by the API's field names. */
function localErrors(draft: AssistantDraft): Record<string, Message> {
  const errors: Record<string, Message | null> = {
    name: checkText(draft.name, { max: 100, singleLine: true, required: message("validation.nameRequired") }),
    description: checkText(draft.description, { max: 500 }),
    model: !draft.model.trim()
      ? message("validation.modelRequired")
      : draft.model.trim().length > 100
        ? message("validation.tooLong", { max: 100 })
        : MODEL_ID.test(draft.model.trim())
          ? null
          : message("validation.modelInvalid"),
    instructions: checkText(draft.instructions, { max: 20_000 }),
    greeting: checkText(draft.greeting, { max: 500 }),
    "theme.primary_color": /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(draft.primaryColor.trim()) ? null : message("validation.color"),
  };
  draft.origins.forEach((origin, index) => {
    if (origin.value.trim()) errors[`allowed_origins[${index}]`] = checkOrigin(origin.value);
  });
  return Object.fromEntries(Object.entries(errors).filter((entry): entry is [string, Message] => entry[1] !== null));
}

/** Two drafts ask the API for the same thing (blank origin rows and outer spaces don't count). */
function sameRequest(a: AssistantDraft, b: AssistantDraft): boolean {
  return JSON.stringify(toRequest(a).body) === JSON.stringify(toRequest(b).body);
}

/** A draft read back from sessionStorage, if it still has the draft's shape. */
function restoredDraft(value: unknown): AssistantDraft | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Partial<Record<keyof AssistantDraft, unknown>>;
  const strings = ["name", "description", "model", "instructions", "greeting", "primaryColor"] as const;
  if (!strings.every((key) => typeof v[key] === "string")) return null;
  if (typeof v.temperature !== "number" || (v.position !== "left" && v.position !== "right")) return null;
  if ((v.status !== "active" && v.status !== "paused") || !Array.isArray(v.origins)) return null;
  const origins = v.origins.filter((o): o is { value: string } => typeof (o as { value?: unknown }).value === "string");
  const draft = value as AssistantDraft;
  return { ...draft, origins: origins.length ? origins.map((o) => row(o.value)) : [row("")] };
}

/**
 * The form's state: the draft, inline errors keyed by API field name, and
 * whether it differs from what was loaded. While it differs it is kept under
 * `storageKey` (sessionStorage), so an expired session loses no typing.
 */
export function useAssistantDraft(initial: () => AssistantDraft, storageKey: string) {
  const [start] = useState(() => {
    const loaded = initial();
    const kept = restoredDraft(loadDraft(storageKey));
    return { baseline: loaded, draft: kept && !sameRequest(kept, loaded) ? kept : loaded, restored: kept !== null && !sameRequest(kept, loaded) };
  });
  const [baseline, setBaseline] = useState(start.baseline);
  const [draft, setDraft] = useState(start.draft);
  const [restored, setRestored] = useState(start.restored);
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const sentRows = useRef<number[]>([]);
  const dirty = useMemo(() => !sameRequest(draft, baseline), [draft, baseline]);

  useEffect(() => {
    if (dirty) saveDraft(storageKey, draft);
    else removeDraft(storageKey);
  }, [dirty, draft, storageKey]);

  const set = useCallback(<K extends ScalarField>(key: K, value: AssistantDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    const field = API_FIELD[key];
    setErrors((e) => (e[field] || (key === "primaryColor" && e.theme) ? without(e, field, "theme") : e));
  }, []);

  const clearOriginErrors = (e: Record<string, Message>) =>
    Object.fromEntries(Object.entries(e).filter(([field]) => !field.startsWith("allowed_origins")));

  const setOrigin = useCallback((index: number, value: string) => {
    setDraft((d) => ({ ...d, origins: d.origins.map((o, i) => (i === index ? { ...o, value } : o)) }));
    setErrors((e) => {
      const field = `allowed_origins[${index}]`;
      return e[field] ? without(e, field) : e;
    });
  }, []);

  const addOrigin = useCallback(() => {
    setDraft((d) => (d.origins.length >= MAX_ORIGINS ? d : { ...d, origins: [...d.origins, row("")] }));
    setErrors(clearOriginErrors);
  }, []);

  const removeOrigin = useCallback((index: number) => {
    setDraft((d) => {
      const origins = d.origins.filter((_, i) => i !== index);
      return { ...d, origins: origins.length ? origins : [row("")] };
    });
    setErrors(clearOriginErrors);
  }, []);

  /** Checks what can be checked here; returns the body to send, or null and shows every error. */
  const prepare = useCallback(() => {
    const local = localErrors(draft);
    setFormError(null);
    setErrors(local);
    const first = Object.keys(local)[0];
    if (first) {
      document.getElementById(controlId(first))?.focus();
      return null;
    }
    const { body, originRows } = toRequest(draft);
    sentRows.current = originRows;
    return body;
  }, [draft]);

  /** Shows a failed save: a field the API named goes next to that field. */
  const showServerError = useCallback((error: unknown) => {
    const { fields, form } = toFormErrors(error, isShownField);
    const mapped: Record<string, Message> = {};
    for (const [field, text] of Object.entries(fields)) {
      const origin = /^allowed_origins\[(\d+)\]$/.exec(field);
      const rowIndex = origin ? sentRows.current[Number(origin[1])] : undefined;
      mapped[rowIndex !== undefined ? `allowed_origins[${rowIndex}]` : field] = text;
    }
    setErrors(mapped);
    setFormError(form);
    const first = Object.keys(mapped)[0];
    if (first) document.getElementById(controlId(first))?.focus();
  }, []);

  /** Starts over from `next` (what was saved, or what was loaded): nothing unsaved any more. */
  const reset = useCallback((next: AssistantDraft) => {
    setBaseline(next);
    setDraft(next);
    setErrors({});
    setFormError(null);
    setRestored(false);
  }, []);

  /** Forgets the kept draft now (leaving the page on purpose). */
  const forget = useCallback(() => removeDraft(storageKey), [storageKey]);

  return { draft, errors, formError, dirty, restored, set, setOrigin, addOrigin, removeOrigin, prepare, showServerError, reset, forget };
}

export type AssistantDraftState = ReturnType<typeof useAssistantDraft>;
