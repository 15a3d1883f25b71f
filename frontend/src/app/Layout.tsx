import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useLocation } from "react-router";
import { Logo } from "../components/Logo";
import { Preferences } from "../components/Preferences";
import { useMe, useSignOut } from "../features/auth/api/auth";
import { canManage, useSession } from "../features/auth/hooks/useSession";
import { InboxConnection } from "../features/inbox/components/InboxConnection";
import { UnreadNavBadge } from "../features/inbox/components/UnreadNavBadge";
import { WorkspaceSwitcher } from "../features/team/components/WorkspaceSwitcher";
import { NavIcon } from "./NavIcon";
import { NAV_ITEMS } from "./navigation";

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p.charAt(0).toLocaleUpperCase())
    .join("");
}

/**
 * The signed-in frame: a sidebar on wide screens; on phones a top bar whose menu
 * button opens the same sidebar (navigation, who is signed in, preferences).
 */
export function Layout() {
  useMe();
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();

  // A chosen page closes the menu.
  const [shownPath, setShownPath] = useState(pathname);
  if (shownPath !== pathname) {
    setShownPath(pathname);
    setMenuOpen(false);
  }

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <InboxConnection>
    <div className={menuOpen ? "shell shell--menu-open" : "shell"}>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="topbar">
        <Logo />
        <button
          ref={menuButton}
          type="button"
          className="button button--ghost button--icon topbar__menu"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg viewBox="0 0 20 20" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
            {menuOpen ? <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" /> : <path d="M3 5.5h14M3 10h14M3 14.5h14" strokeLinecap="round" />}
          </svg>
          <span className="visually-hidden">{t("nav.menu")}</span>
        </button>
      </header>
      <aside className="sidebar" id="sidebar" aria-label={t("nav.sidebar")}>
        <div className="sidebar__brand">
          <Logo />
        </div>
        <div className="workspace" role="group" aria-label={t("nav.workspace")}>
          <div className="workspace__row">
            <span className="workspace__label">{t("nav.workspace")}</span>
            <span className={`role role--${session.tenant.role}`}>
              <span className="visually-hidden">{t("nav.yourRole")} </span>
              {t(`roles.${session.tenant.role}`)}
            </span>
          </div>
          {session.workspaces.length > 1 ? <WorkspaceSwitcher /> : <span className="workspace__name">{session.tenant.name}</span>}
        </div>
        <nav className="nav" aria-label={t("nav.main")}>
          {NAV_ITEMS.filter((item) => !item.manage || canManage(session.tenant.role)).map((item) => (
            <NavLink key={item.to} to={item.to} className="nav__link">
              <NavIcon name={item.icon} />
              {t(item.label)}
              {item.to === "/chats" && <UnreadNavBadge />}
            </NavLink>
          ))}
        </nav>
        <div className="sidebar__user">
          <span className="avatar avatar--user" aria-hidden="true">
            {initialsOf(session.user.full_name) || "?"}
          </span>
          <div className="sidebar__who">
            <span className="sidebar__name" title={session.user.full_name}>
              {session.user.full_name}
            </span>
            <span className="sidebar__email" title={session.user.email}>
              {session.user.email}
            </span>
          </div>
        </div>
        <Preferences className="sidebar__preferences" />
        <button type="button" className="button button--ghost sidebar__signout" onClick={() => void signOut()}>
          <svg viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
            <path d="M8 4H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3M12 14l4-4-4-4M16 10H8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t("nav.signOut")}
        </button>
        <button
          type="button"
          className="button button--ghost sidebar__signout sidebar__signout--everywhere"
          onClick={() => void signOut({ everywhere: true })}
        >
          {t("nav.signOutEverywhere")}
        </button>
      </aside>
      <main className="main" id="main" tabIndex={-1}>
        <div className="main__inner">
          <Outlet />
        </div>
      </main>
    </div>
    </InboxConnection>
  );
}
