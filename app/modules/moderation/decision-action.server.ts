import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import type { z } from 'zod'
import { kickOutbox } from '~/modules/notifications/worker.server'
import { i18nServer } from '~/utils/i18n.server'
import { createToastHeader } from '~/utils/toast.server'
import { DecisionConflictError, NotAllowedError, ReasonRequiredError, SubjectNotFoundError } from './decisions.server'

// The action side of every moderation decision form (shop review, listing review, the reports
// queue): parse the form, run the decision, and answer the kernel's refusals the same way on every
// page — 400 with the form's errors, 403/409 with a message at the top of the page (the re-rendered
// page may no longer have the form that was sent), 404 for a subject that does not exist.

/** The locale keys a page answers the kernel's refusals with. */
export type DecisionTexts = {
  notAllowed: string
  /** A field error (translated in the browser), shown under the reason list. */
  reasonRequired: string
  /** Someone decided first or the page was stale; a function when a page words conflicts apart. */
  conflict: string | ((error: DecisionConflictError) => string)
  /** When set, a subject that no longer exists is told with this message (409) instead of a 404. */
  gone?: string
  /** When set, a form that does not parse is also told with this message at the top of the page. */
  invalid?: string
}

export type DecisionActionOptions<Schema extends z.ZodType> = {
  formData: FormData
  /** Which of the page's forms was sent (its errors show in that form only); null: errors show at the top of the page. */
  formId: string | null
  /** False when the post is malformed beyond what the schema checks (e.g. no listing id). */
  valid?: boolean
  schema: Schema
  texts: DecisionTexts
  /** Runs the decision (a call into the moderation modules). */
  decide: (value: z.output<Schema>) => Promise<unknown>
  /** Where to go once decided, and the toast's locale key. */
  done: (value: z.output<Schema>) => { redirectTo: string; toast: string }
}

/**
 * Handles one decision form post. Returns the page's action data on a refusal and throws the
 * redirect on success, after kicking the outbox: the email was queued in the decision's
 * transaction, and now that it committed it can leave at once rather than on the next tick.
 */
export async function decisionAction<Schema extends z.ZodType>(request: Request, options: DecisionActionOptions<Schema>) {
  const { formData, formId, schema, texts, valid = true } = options
  const submission = parseWithZod(formData, { schema })
  const t = await i18nServer.getFixedT(request)
  const fail = (status: number, result: ReturnType<typeof submission.reply>, pageError: string | null = null) => data({ formId, result, pageError }, { status })
  if (!valid || submission.status !== 'success') return fail(400, submission.reply(), texts.invalid ? t(texts.invalid) : null)

  try {
    await options.decide(submission.value)
  } catch (error) {
    if (error instanceof SubjectNotFoundError) {
      if (texts.gone) return fail(409, submission.reply(), t(texts.gone))
      throw new Response('Not found', { status: 404 })
    }
    if (error instanceof DecisionConflictError) {
      return fail(409, submission.reply(), t(typeof texts.conflict === 'string' ? texts.conflict : texts.conflict(error)))
    }
    if (error instanceof ReasonRequiredError) return fail(400, submission.reply({ fieldErrors: { reasonCode: [texts.reasonRequired] } }))
    if (error instanceof NotAllowedError) return fail(403, submission.reply(), t(texts.notAllowed))
    throw error
  }
  kickOutbox()
  const { redirectTo, toast } = options.done(submission.value)
  throw redirect(redirectTo, { headers: { 'Set-Cookie': await createToastHeader({ key: toast, type: 'success' }) } })
}
