import { z } from 'zod'

// Form schemas, shared by the server (which decides) and conform on the client (which only helps).
// Messages are locale keys under `validation.*`; the form shows them translated.

export const EmailSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .email('validation.email')
  .transform((email) => email.toLowerCase())

export const PasswordSchema = z.string({ error: 'validation.required' }).min(8, 'validation.passwordTooShort').max(200, 'validation.tooLong')

export const NameSchema = z.string({ error: 'validation.required' }).trim().min(2, 'validation.nameTooShort').max(80, 'validation.tooLong')

/** Algerian mobile numbers: 05, 06 or 07 then 8 digits; stored in international form (+213…). */
export const PhoneSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .transform((value) => value.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^(?:0|\+213|00213)[567]\d{8}$/, 'validation.phone'))
  .transform((value) => `+213${value.slice(-9)}`)

/** A stored number (+213…) as people write it (0…), to fill a form or print; the last 9 digits whatever the stored form. */
export function localPhone(stored: string) {
  return `0${stored.replace(/\D/g, '').slice(-9)}`
}

// conform turns an empty field into undefined before the schema sees it.
export const OptionalPhoneSchema = PhoneSchema.optional()

export const RedirectToSchema = z.string().max(500).optional()

/**
 * A phone number, an email, or both (decision 016). With an email the code goes by email (a number
 * next to it is a contact number); with only a number, the code goes by SMS and the number logs in.
 */
export const SignupSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema.optional(),
    phone: OptionalPhoneSchema,
    password: PasswordSchema,
    redirectTo: RedirectToSchema,
  })
  .refine((v) => v.email || v.phone, { path: ['phone'], message: 'validation.phoneOrEmail' })

/** "Mobile number or email": an Algerian mobile number (to +213…) or an address (lowercased). */
export const LoginIdentifierSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .transform((value, ctx) => {
    const phone = PhoneSchema.safeParse(value)
    if (phone.success) return phone.data
    const email = EmailSchema.safeParse(value)
    if (email.success) return email.data
    ctx.addIssue({ code: 'custom', message: /^[\d\s.+-]+$/.test(value) ? 'validation.phone' : 'validation.emailOrPhone' })
    return z.NEVER
  })

/** Whether a normalised login identifier is a phone number (E.164) rather than an email. */
export const isPhoneLogin = (login: string) => login.startsWith('+')

export const LoginSchema = z.object({
  /** Named `email` for the forms and tests that already fill it; holds an email or a phone number. */
  email: LoginIdentifierSchema,
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong'),
  redirectTo: RedirectToSchema,
})

export const VerifySchema = z.object({
  code: z
    .string({ error: 'validation.required' })
    .trim()
    .regex(/^\d{6}$/, 'validation.code'),
  redirectTo: RedirectToSchema,
})

export const ForgotPasswordSchema = z.object({ email: LoginIdentifierSchema })

/** The code texted for a password reset, with the new password. */
export const PhoneResetSchema = z
  .object({
    phone: PhoneSchema,
    code: z
      .string({ error: 'validation.required' })
      .trim()
      .regex(/^\d{6}$/, 'validation.code'),
    password: PasswordSchema,
    confirmPassword: z.string({ error: 'validation.required' }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' })

export const ResetPasswordSchema = z
  .object({
    token: z.string().min(10).max(200),
    password: PasswordSchema,
    confirmPassword: z.string({ error: 'validation.required' }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' })

export const ProfileSchema = z.object({
  intent: z.literal('profile'),
  name: NameSchema,
  phone: OptionalPhoneSchema,
  locale: z.enum(['ar', 'fr', 'en'], { error: 'validation.required' }),
})

export const ChangePasswordSchema = z
  .object({
    intent: z.literal('password'),
    currentPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200),
    newPassword: PasswordSchema,
    confirmPassword: z.string({ error: 'validation.required' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' })
