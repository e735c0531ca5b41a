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

export const SignupSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  phone: OptionalPhoneSchema,
  password: PasswordSchema,
  redirectTo: RedirectToSchema,
})

export const LoginSchema = z.object({
  email: EmailSchema,
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

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

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
