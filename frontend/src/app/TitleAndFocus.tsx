import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import type { MessageKey } from "../i18n/message";

const TITLES: [RegExp, MessageKey][] = [
  [/^\/login/, "titles.login"],
  [/^\/register/, "titles.register"],
  [/^\/analytics/, "titles.analytics"],
  [/^\/assistants\/new/, "titles.newAssistant"],
  [/^\/assistants\/./, "titles.assistant"],
  [/^\/assistants/, "titles.assistants"],
  [/^\/chats\/./, "titles.chat"],
  [/^\/chats/, "titles.chats"],
  [/^\/knowledge/, "titles.knowledge"],
  [/^\/team/, "titles.team"],
  [/^\/settings/, "titles.settings"],
  [/^\/invite\//, "titles.invite"],
];

/** Names the tab after the page (in the chosen language), and starts at the top on navigation. */
export function TitleAndFocus() {
  const { pathname } = useLocation();
  const { t } = useTranslation();
  const key = TITLES.find(([re]) => re.test(pathname))?.[1];
  const title = key ? t(key) : null;
  useEffect(() => {
    document.title = title ? `${title} · Kremna` : "Kremna";
  }, [title]);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}
