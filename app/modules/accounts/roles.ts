/**
 * Who is who. The one home of role rules: server gates (`utils/permissions.server.ts`), domain
 * modules re-checking an actor inside a transaction, and the header's links all ask here. Not a
 * `.server` file, so components may import it.
 */
/** `facilitator`: a local cell's social worker, an association or a cooperative acting for producers (issue 22, decision 021). */
export type Role = 'buyer' | 'producer' | 'moderator' | 'admin' | 'facilitator'

/** Staff run the platform (moderation, and for admins money): moderators and admins. */
export function isStaff(user: { role: string | null | undefined } | null | undefined) {
  return user?.role === 'moderator' || user?.role === 'admin'
}

/** What each role may do includes what the roles below it may: admin ⊃ moderator. */
const roleRank: Record<Role, number> = { buyer: 0, producer: 0, facilitator: 0, moderator: 1, admin: 2 }

/** Whether `role` passes a check for `required` (an admin passes a moderator check; buyer, producer and facilitator are separate, not ranked). */
export function hasRole(role: Role, required: Role) {
  return required === 'moderator' || required === 'admin' ? roleRank[role] >= roleRank[required] : role === required
}
