-- Issue 19 (decision 025): a return request's photos (up to 3, stored by the media pipeline like a
-- message's) and the refund of a card-paid order whose return came back. The refund is recorded
-- ('pending', with its amount) in the transaction that returns the order, asked of the provider
-- after it (idempotency key per request), then marked 'refunded' — or 'queued' for the admin when
-- the provider has no refund API (Chargily), which opens a payment issue of kind 'return_refund'.
ALTER TABLE "return_requests" ADD COLUMN "photos" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "refund_status" text;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "refund_amount" bigint;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "refund_reference" text;--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_refund_status_check" CHECK ("return_requests"."refund_status" in ('pending', 'refunded', 'queued'));--> statement-breakpoint
CREATE INDEX "return_requests_refund_idx" ON "return_requests" USING btree ("refund_status") WHERE "return_requests"."refund_status" = 'pending';--> statement-breakpoint
ALTER TABLE "payment_issues" DROP CONSTRAINT "payment_issues_kind_check";--> statement-breakpoint
ALTER TABLE "payment_issues" ADD CONSTRAINT "payment_issues_kind_check" CHECK ("payment_issues"."kind" in ('paid_after_cancel', 'paid_without_order', 'paid_twice', 'amount_differs', 'return_refund'));--> statement-breakpoint
DROP INDEX "payment_issues_reference_kind_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "payment_issues_reference_kind_idx" ON "payment_issues" USING btree ("provider","provider_reference","kind",(coalesce("details"->>'returnId', '')));
