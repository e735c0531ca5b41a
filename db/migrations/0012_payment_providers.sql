-- Payments by more than one provider (Stripe, Chargily): which method the buyer chose, the
-- provider's fee and who bears it, and when the provider settled the money.
ALTER TABLE "payments" ADD COLUMN "method" text DEFAULT 'card' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "fee" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "fee_bearer" text DEFAULT 'platform' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "settled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_method_check" CHECK ("payments"."method" in ('card', 'edahabia', 'cib'));--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_fee_bearer_check" CHECK ("payments"."fee_bearer" in ('buyer', 'platform'));--> statement-breakpoint
-- Money the platform holds without a live order behind it, or that does not match its orders:
-- the admin queue at /admin/payments. One row per payment and kind, so a replayed webhook or a
-- second reconciliation run finds the row instead of adding one.
CREATE TABLE "payment_issues" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_reference" text NOT NULL,
	"checkout_id" text,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"refund_reference" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_issues_kind_check" CHECK ("payment_issues"."kind" in ('paid_after_cancel', 'paid_without_order', 'paid_twice', 'amount_differs')),
	CONSTRAINT "payment_issues_status_check" CHECK ("payment_issues"."status" in ('open', 'refunded', 'resolved'))
);
--> statement-breakpoint
ALTER TABLE "payment_issues" ADD CONSTRAINT "payment_issues_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_issues" ADD CONSTRAINT "payment_issues_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_issues_reference_kind_idx" ON "payment_issues" USING btree ("provider","provider_reference","kind");--> statement-breakpoint
CREATE INDEX "payment_issues_status_idx" ON "payment_issues" USING btree ("status","created_at");
