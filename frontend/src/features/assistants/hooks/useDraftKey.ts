import { useSession } from "../../auth/hooks/useSession";

/** Where this person's unsaved edits of an assistant (or of a new one: "new") are kept, per user and workspace. */
export function useDraftKey(assistantId: string): string {
  const { user, tenant } = useSession();
  return `${user.id}.${tenant.id}.assistant.${assistantId}`;
}
