import { useCallback, useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { sessionStore } from "../lib/session";
import { ConfirmDialog } from "./ConfirmDialog";

interface Guard {
  /** The confirmation to render (null unless a navigation is held). */
  dialog: ReactNode;
  /** Lets the next navigation through unasked: after a save or a delete. */
  allow: () => void;
}

/**
 * Asks before leaving a form with unsaved changes: in-app navigation through
 * the router's blocker (a dialog), closing or reloading the tab through
 * `beforeunload` (the browser's own prompt). An ended session never blocks:
 * the way to the sign-in page stays open, and the draft keeps the text.
 */
export function useLeaveGuard(dirty: boolean, onLeave?: () => void): Guard {
  const { t } = useTranslation();
  const allowed = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    if (!dirty || allowed.current || !sessionStore.getState().session) return false;
    return currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search;
  });

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const allow = useCallback(() => {
    allowed.current = true;
  }, []);

  const dialog =
    blocker.state === "blocked" ? (
      <ConfirmDialog
        title={t("leave.title")}
        confirmLabel={t("leave.leave")}
        cancelLabel={t("leave.stay")}
        onCancel={() => blocker.reset()}
        onConfirm={() => {
          onLeave?.();
          blocker.proceed();
        }}
      >
        <p>{t("leave.body")}</p>
      </ConfirmDialog>
    ) : null;

  return { dialog, allow };
}
