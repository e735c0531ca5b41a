-- Issue 22 (decision 028): a producer consents to a facilitator's help with a code texted to her phone.
ALTER TYPE "public"."verification_type" ADD VALUE IF NOT EXISTS 'assist_consent';
