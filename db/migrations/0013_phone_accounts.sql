-- Issue 16: accounts by phone number (email optional), SMS codes, an SMS outbox.
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_email_or_phone_check" CHECK ("users"."email" IS NOT NULL OR "users"."phone" IS NOT NULL);--> statement-breakpoint
CREATE UNIQUE INDEX "users_login_phone_idx" ON "users" USING btree ("phone") WHERE "users"."email" IS NULL OR "users"."phone_verified_at" IS NOT NULL;--> statement-breakpoint
ALTER TYPE "public"."verification_type" ADD VALUE 'phone_verification';--> statement-breakpoint
ALTER TYPE "public"."verification_type" ADD VALUE 'phone_reset';--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"to_number" text NOT NULL,
	"body" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"last_error" text,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "sms_outbox_due_idx" ON "sms_outbox" USING btree ("next_attempt_at") WHERE "sms_outbox"."sent_at" is null and "sms_outbox"."failed_at" is null;--> statement-breakpoint
CREATE INDEX "sms_outbox_to_idx" ON "sms_outbox" USING btree ("to_number","created_at");
