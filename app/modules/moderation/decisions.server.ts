import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db, DbOrTx, Tx } from '#db/client'
import { users } from '#db/schema'
import { listAudit, writeAudit } from '~/modules/audit/audit.server'
import { enqueueEmail, type EmailData, type EmailKind } from '~/modules/notifications/email.server'
import type { NoticeData } from '~/modules/notifications/notices.server'
import { notify } from '~/modules/notifications/preferences.server'
import { isStaff } from '~/modules/accounts/roles'

// The moderation-decision kernel: what every staff decision (on a shop, a listing, a report) has
// in common, written once. A kind of subject is a `SubjectDefinition` — its transitions table, how
// to read and lock it, how to change it, whom to tell — and `decide()` runs it: the staff check, the
// reason check, the transition check, then the change, one audit row, the owner's in-app notice and
// the outbox email, all in one transaction. Any refusal throws before anything is written, and any
// failure after rolls everything back: a decision never exists without its audit row and messages.

/** The moderator's own words to the producer, at most this long. */
export const REASON_MAX_LENGTH = 1000

/** One move of the state machine, and the reason codes it needs (null: it takes none). */
export type Transition<Status extends string> = { from: Status; to: Status; reasons: readonly string[] | null }

export type Actor = { id: string; role: string }

export class NotAllowedError extends Error {
  constructor(message = 'Only an active moderator or admin may decide on a shop') {
    super(message)
    this.name = 'NotAllowedError'
  }
}
export class ReasonRequiredError extends Error {
  constructor(message = 'This decision needs a reason code from its list') {
    super(message)
    this.name = 'ReasonRequiredError'
  }
}
/** The subject does not exist. Each kind of subject names its own (ShopNotFoundError…). */
export class SubjectNotFoundError extends Error {}
/**
 * The subject is not in a state this decision applies to: someone decided first, or the page was
 * stale. Each kind names its own (InvalidTransitionError, ProductAlreadyDecidedError…); the pages
 * answer 409 with the current state.
 */
export class DecisionConflictError extends Error {}

/**
 * The decisions of one kind of subject and what follows from its transitions table: the reason
 * codes each needs, what the page offers in a given status, and the form's server-side schema.
 * `texts` is the locale section of the form's messages (`<texts>.errors.reasonRequired`…).
 */
export function decisionRules<const Decisions extends readonly [string, ...string[]], Status extends string>(
  decisions: Decisions,
  transitions: Record<Decisions[number], Transition<Status>>,
  texts: string
) {
  type Decision = Decisions[number]
  const reasonCodesFor = (decision: Decision): readonly string[] | null => transitions[decision].reasons
  const allowedFrom = (status: Status): Decision[] => decisions.filter((decision: Decision) => transitions[decision].from === status)
  /**
   * The decision form, checked on the server. Messages are locale keys. A decision with reasons
   * needs a code from its own list, and "other" needs words: the producer must learn what to fix.
   */
  const schema = z
    .object({
      intent: z.enum(decisions, { error: 'validation.invalid' }),
      reasonCode: z.string().trim().optional(),
      reason: z.string().trim().max(REASON_MAX_LENGTH, 'validation.tooLong').optional(),
    })
    .superRefine((value, ctx) => {
      const codes = reasonCodesFor(value.intent)
      if (!codes) return
      if (!value.reasonCode || !codes.includes(value.reasonCode)) {
        ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: `${texts}.errors.reasonRequired` })
      } else if (value.reasonCode === 'other' && !value.reason) {
        ctx.addIssue({ code: 'custom', path: ['reason'], message: `${texts}.errors.otherNeedsText` })
      }
    })
  return { decisions, transitions, reasonCodesFor, allowedFrom, schema }
}

/** A subject as `decide()` sees it: its status and the user it belongs to (null: nobody to tell). */
export type DecisionSubject<Status extends string> = { id: string; status: Status; ownerId: string | null }

/** The decision being applied, as the definition's hooks receive it. */
export type Change<Decision extends string, Status extends string> = {
  decision: Decision
  from: Status
  to: Status
  actorId: string
  reasonCode: string | null
  reason: string | null
  now: Date
}

export type Owner = { id: string; name: string; email: string; locale: 'ar' | 'fr' | 'en' }

export type SubjectDefinition<Decision extends string, Status extends string, Subject extends DecisionSubject<Status>, Kind extends EmailKind> = {
  /** The audit log's target type, and the prefix of its actions (`shop.approve`) and of the notices' kinds (`shop_approve`). */
  targetType: string
  transitions: Record<Decision, Transition<Status>>
  /** NotAllowedError's message for an actor who is not an active moderator or admin. */
  staffOnly: string
  /** NotAllowedError's message for staff deciding on their own subject (a staff member who also sells). */
  ownSubject?: string
  /** Reads the subject in the decision's transaction, locking what must not change under it; throws its SubjectNotFoundError. */
  load(tx: Tx, id: string): Promise<Subject>
  /** The error for a decision that the subject's current status does not allow. */
  conflict(subject: Subject, decision: Decision): DecisionConflictError
  /** Refusals particular to this kind, checked after the transition (e.g. a listing goes public only in an approved shop). */
  refuse?(subject: Subject, change: Change<Decision, Status>): Error | null
  /**
   * Writes the decision on the subject and what goes with it; returns what the audit row's details
   * say besides from/to. It may throw a conflict (a guarded UPDATE that found the row changed).
   */
  apply(tx: Tx, subject: Subject, change: Change<Decision, Status>): Promise<Record<string, unknown>>
  /** What the owner is told: the notice's data and the email (its name, decision and reasons are added here). */
  notify?: {
    notice(subject: Subject): NoticeData
    email(
      subject: Subject,
      change: Change<Decision, Status>,
      siteUrl: string
    ): { kind: Kind; data: Omit<EmailData<Kind>, 'name' | 'decision' | 'reasonCode' | 'reason'> }
  }
}

export type DecideInput<Decision extends string> = {
  /** The subject's id. */
  id: string
  actor: Actor
  decision: Decision
  reasonCode?: string | null
  reason?: string | null
  ip?: string | null
  /** The site's public address (APP_URL), for the link in the email. */
  siteUrl?: string
  now?: Date
}

/**
 * Checks the actor against the database: the role is not trusted from the caller, so a moderator
 * demoted or disabled since their page loaded can no longer decide.
 */
async function requireActiveStaff(tx: Tx, actor: Actor, message: string) {
  const [row] = await tx.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, actor.id)).limit(1)
  if (!isStaff(actor) || !row || !isStaff(row) || row.disabledAt) throw new NotAllowedError(message)
}

/**
 * Applies a staff decision on one subject; returns its new status. Throws NotAllowedError,
 * ReasonRequiredError, the definition's SubjectNotFoundError or DecisionConflictError (or its own
 * refusal), and then nothing at all is written.
 */
export async function decide<Decision extends string, Status extends string, Subject extends DecisionSubject<Status>, Kind extends EmailKind>(
  db: Db,
  definition: SubjectDefinition<Decision, Status, Subject, Kind>,
  input: DecideInput<Decision>
): Promise<Status> {
  const { id, actor, decision, ip = null, siteUrl = '', now = new Date() } = input
  const rule = Object.hasOwn(definition.transitions, decision) ? definition.transitions[decision] : undefined
  if (!rule) throw new TypeError(`Unknown decision ${String(decision)}`)
  const reason = input.reason?.trim() || null
  if (reason && reason.length > REASON_MAX_LENGTH) throw new RangeError(`Reason longer than ${REASON_MAX_LENGTH} characters`)
  // Decisions without a reason list (approve, reinstate) keep no code: a stale one would mislead.
  const reasonCode = rule.reasons ? input.reasonCode?.trim() || null : null

  return db.transaction(async (tx) => {
    await requireActiveStaff(tx, actor, definition.staffOnly)
    if (rule.reasons) {
      if (!reasonCode || !rule.reasons.includes(reasonCode)) throw new ReasonRequiredError()
      if (reasonCode === 'other' && !reason) throw new ReasonRequiredError('"other" needs the reason in words')
    }

    const subject = await definition.load(tx, id)
    // A staff member who also sells never judges their own shop or listings.
    if (subject.ownerId === actor.id) throw new NotAllowedError(definition.ownSubject)
    if (subject.status !== rule.from) throw definition.conflict(subject, decision)
    const change: Change<Decision, Status> = { decision, from: subject.status, to: rule.to, actorId: actor.id, reasonCode, reason, now }
    const refusal = definition.refuse?.(subject, change)
    if (refusal) throw refusal

    const details = await definition.apply(tx, subject, change)
    await writeAudit(tx, {
      actorId: actor.id,
      action: `${definition.targetType}.${decision}`,
      targetType: definition.targetType,
      targetId: subject.id,
      reasonCode,
      reason,
      ip,
      details: { from: subject.status, to: rule.to, ...details },
    })

    if (definition.notify && subject.ownerId) {
      const [owner] = await tx
        .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
        .from(users)
        .where(eq(users.id, subject.ownerId))
        .limit(1)
      if (!owner) throw new Error(`${definition.targetType} ${subject.id} has no owner row`)
      // Through the notifications centre (issue 21): always a notice; then the email, or an SMS,
      // by the owner's choice for decisions (a phone-only producer gets the SMS).
      const email = definition.notify.email(subject, change, siteUrl.replace(/\/+$/, ''))
      await notify(tx, {
        userId: owner.id,
        group: 'decisions',
        kind: `${definition.targetType}_${decision}`,
        data: { ...definition.notify.notice(subject), reasonCode, reason },
        sendEmail: (to) =>
          enqueueEmail(tx, {
            to,
            kind: email.kind,
            language: owner.locale,
            data: { name: owner.name, ...email.data, decision, reasonCode, reason } as EmailData<Kind>,
          }),
      })
    }
    return rule.to
  })
}

/** A subject's latest decisions (newest first) as its review page lists them: when, who, what and why. */
export async function listDecisionHistory(db: DbOrTx, targetType: string, targetId: string, limit = 20) {
  const { rows } = await listAudit(db, { targetType, targetId, limit })
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actorName: row.actorName,
    action: row.action,
    reasonCode: row.reasonCode,
    reason: row.reason,
  }))
}
