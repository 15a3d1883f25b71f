import { NavLink, Outlet } from "react-router";
import { Logo } from "../components/Logo";
import { useMe, useSignOut } from "../features/auth/api/auth";
import { useSession } from "../features/auth/hooks/useSession";

const ROLE_LABEL = { owner: "Owner", admin: "Admin", agent: "Agent" } as const;

function NavIcon({ name }: { name: "analytics" | "assistants" | "chats" }) {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
      {name === "analytics" ? (
        <path d="M3.5 16.5h13M6 13.5v-4M10 13.5v-8M14 13.5v-6" strokeLinecap="round" />
      ) : name === "assistants" ? (
        <>
          <rect x="3.5" y="5.5" width="13" height="10" rx="3" />
          <path d="M10 2.5v3M7.5 10h.01M12.5 10h.01" strokeLinecap="round" />
        </>
      ) : (
        <path d="M3.5 4.5h13v9h-8l-5 3.5v-12.5z" strokeLinejoin="round" />
      )}
    </svg>
  );
}

export function Layout() {
  useMe();
  const session = useSession();
  const signOut = useSignOut();
  const initials = session.user.full_name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p.charAt(0).toUpperCase())
    .join("");

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="sidebar__brand">
          <Logo />
        </div>
        <div className="workspace" role="group" aria-label="Workspace">
          <div className="workspace__row">
            <span className="workspace__label">Workspace</span>
            <span className={`role role--${session.tenant.role}`}>
              <span className="visually-hidden">Your role: </span>
              {ROLE_LABEL[session.tenant.role]}
            </span>
          </div>
          <span className="workspace__name">{session.tenant.name}</span>
        </div>
        <nav className="nav" aria-label="Main">
          <NavLink to="/analytics" className="nav__link">
            <NavIcon name="analytics" />
            Analytics
          </NavLink>
          <NavLink to="/assistants" className="nav__link">
            <NavIcon name="assistants" />
            Assistants
          </NavLink>
          <NavLink to="/chats" className="nav__link">
            <NavIcon name="chats" />
            Chats
          </NavLink>
        </nav>
        <div className="sidebar__user">
          <span className="avatar avatar--user" aria-hidden="true">
            {initials || "?"}
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
        <button type="button" className="button button--ghost sidebar__signout" onClick={signOut}>
          <svg viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
            <path d="M8 4H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3M12 14l4-4-4-4M16 10H8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          Sign out
        </button>
      </aside>
      <main className="main" id="main" tabIndex={-1}>
        <div className="main__inner">
          <Outlet />
        </div>
      </main>
    </div>
  );
}
