import type { NavIconName } from "./navigation";

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
      {name === "analytics" ? (
        <path d="M3.5 16.5h13M6 13.5v-4M10 13.5v-8M14 13.5v-6" strokeLinecap="round" />
      ) : name === "assistants" ? (
        <>
          <rect x="3.5" y="5.5" width="13" height="10" rx="3" />
          <path d="M10 2.5v3M7.5 10h.01M12.5 10h.01" strokeLinecap="round" />
        </>
      ) : name === "knowledge" ? (
        <>
          <path d="M4 4.5h4.5a1.5 1.5 0 0 1 1.5 1.5v10a1.5 1.5 0 0 0-1.5-1.5H4v-10zM16 4.5h-4.5A1.5 1.5 0 0 0 10 6v10a1.5 1.5 0 0 1 1.5-1.5H16v-10z" strokeLinejoin="round" />
        </>
      ) : name === "keys" ? (
        <>
          <circle cx="7" cy="10" r="3.5" />
          <path d="M10.5 10h7M15 10v3M17.5 10v2" strokeLinecap="round" />
        </>
      ) : name === "webhooks" ? (
        <>
          <circle cx="10" cy="5.5" r="2.5" />
          <circle cx="4.5" cy="14.5" r="2.5" />
          <circle cx="15.5" cy="14.5" r="2.5" />
          <path d="M9 7.8 6 12.3M11 7.8l3 4.5M7 14.5h6" strokeLinecap="round" />
        </>
      ) : name === "team" ? (
        <>
          <circle cx="7.5" cy="7" r="2.5" />
          <circle cx="13.5" cy="8" r="2" />
          <path d="M3 16c.5-2.5 2.3-4 4.5-4s4 1.5 4.5 4M12 12.3c2 0 3.6 1.2 4 3.7" strokeLinecap="round" />
        </>
      ) : name === "settings" ? (
        <>
          <circle cx="10" cy="10" r="2.5" />
          <path d="M10 2.5v2.5M10 15v2.5M2.5 10H5M15 10h2.5M4.7 4.7l1.8 1.8M13.5 13.5l1.8 1.8M4.7 15.3l1.8-1.8M13.5 6.5l1.8-1.8" strokeLinecap="round" />
        </>
      ) : (
        <path d="M3.5 4.5h13v9h-8l-5 3.5v-12.5z" strokeLinejoin="round" />
      )}
    </svg>
  );
}
