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
      ) : name === "keys" ? (
        <>
          <circle cx="7" cy="10" r="3.5" />
          <path d="M10.5 10h7M15 10v3M17.5 10v2" strokeLinecap="round" />
        </>
      ) : (
        <path d="M3.5 4.5h13v9h-8l-5 3.5v-12.5z" strokeLinejoin="round" />
      )}
    </svg>
  );
}
