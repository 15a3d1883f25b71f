import type { MemberRole } from "../../../api/types";

// The server's rules (api/src/routes/members/rules.rs), mirrored to hide controls that
// would only be refused. The server decides; this only shapes the page.

const RANK: Record<MemberRole, number> = { owner: 3, admin: 2, agent: 1 };
const ROLES: MemberRole[] = ["owner", "admin", "agent"];

/** Whether someone with `mine` may change or remove a member with `theirs`. */
export function canChange(mine: MemberRole, theirs: MemberRole): boolean {
  if (mine === "agent") return false;
  return theirs !== "owner" || mine === "owner";
}

/** The roles `mine` may give a member who has `theirs` now (never above one's own). */
export function assignableRoles(mine: MemberRole, theirs: MemberRole): MemberRole[] {
  const allowed = ROLES.filter((r) => RANK[r] <= RANK[mine]);
  return allowed.includes(theirs) ? allowed : [theirs, ...allowed];
}
