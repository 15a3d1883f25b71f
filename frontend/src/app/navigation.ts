import type { MessageKey } from "../i18n/message";

export type NavIconName = "analytics" | "assistants" | "chats" | "knowledge" | "keys" | "webhooks" | "team" | "settings";

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: NavIconName;
  /** Shown only to owners and admins. */
  manage?: true;
}

/**
 * The main navigation, in order. Later pages (the live inbox, settings, API
 * keys) are one entry here plus a route in routes.tsx.
 */
export const NAV_ITEMS: NavItem[] = [
  { to: "/analytics", label: "nav.analytics", icon: "analytics" },
  { to: "/assistants", label: "nav.assistants", icon: "assistants" },
  { to: "/chats", label: "nav.chats", icon: "chats" },
  { to: "/knowledge", label: "nav.knowledge", icon: "knowledge" },
  { to: "/team", label: "nav.team", icon: "team" },
  { to: "/settings", label: "nav.settings", icon: "settings" },
  { to: "/settings/api-keys", label: "nav.apiKeys", icon: "keys", manage: true },
  { to: "/settings/webhooks", label: "nav.webhooks", icon: "webhooks", manage: true },
];
