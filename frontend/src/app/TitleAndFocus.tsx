import { useEffect } from "react";
import { useLocation } from "react-router";

const TITLES: [RegExp, string][] = [
  [/^\/login/, "Sign in"],
  [/^\/register/, "Create account"],
  [/^\/analytics/, "Analytics"],
  [/^\/assistants\/new/, "New assistant"],
  [/^\/assistants\/./, "Assistant"],
  [/^\/assistants/, "Assistants"],
  [/^\/chats\/./, "Chat"],
  [/^\/chats/, "Chats"],
];

/** Names the tab after the page, and starts at the top on navigation. */
export function TitleAndFocus() {
  const { pathname } = useLocation();
  useEffect(() => {
    const title = TITLES.find(([re]) => re.test(pathname))?.[1];
    document.title = title ? `${title} · Kremna` : "Kremna";
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}
