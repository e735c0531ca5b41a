-- Issue 22: facilitators (assisted selling), partner API keys, call log and webhooks, open-data files, local cells.
ALTER TYPE "public"."user_role" ADD VALUE IF NOT EXISTS 'facilitator';--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "on_behalf_of_id" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_on_behalf_of_id_users_id_fk" FOREIGN KEY ("on_behalf_of_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_on_behalf_idx" ON "audit_log" USING btree ("on_behalf_of_id","created_at");--> statement-breakpoint
CREATE TABLE "facilitator_wilayas" (
	"user_id" text NOT NULL,
	"wilaya_code" smallint NOT NULL,
	CONSTRAINT "facilitator_wilayas_user_id_wilaya_code_pk" PRIMARY KEY("user_id","wilaya_code")
);
--> statement-breakpoint
ALTER TABLE "facilitator_wilayas" ADD CONSTRAINT "facilitator_wilayas_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilitator_wilayas" ADD CONSTRAINT "facilitator_wilayas_wilaya_code_wilayas_code_fk" FOREIGN KEY ("wilaya_code") REFERENCES "public"."wilayas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "assistance_arrangements" (
	"id" text PRIMARY KEY NOT NULL,
	"facilitator_id" text NOT NULL,
	"producer_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"status" text DEFAULT 'awaiting_consent' NOT NULL,
	"consent_method" text,
	"consent_document_id" text,
	"consented_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_status_check" CHECK ("assistance_arrangements"."status" in ('awaiting_consent', 'active', 'ended')),
	CONSTRAINT "assistance_consent_method_check" CHECK ("assistance_arrangements"."consent_method" is null or "assistance_arrangements"."consent_method" in ('signed_form', 'sms_code'))
);
--> statement-breakpoint
ALTER TABLE "assistance_arrangements" ADD CONSTRAINT "assistance_arrangements_facilitator_id_users_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_arrangements" ADD CONSTRAINT "assistance_arrangements_producer_id_users_id_fk" FOREIGN KEY ("producer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_arrangements" ADD CONSTRAINT "assistance_arrangements_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_arrangements" ADD CONSTRAINT "assistance_arrangements_consent_document_id_shop_documents_id_fk" FOREIGN KEY ("consent_document_id") REFERENCES "public"."shop_documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_arrangements" ADD CONSTRAINT "assistance_arrangements_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_open_shop_idx" ON "assistance_arrangements" USING btree ("shop_id") WHERE "assistance_arrangements"."status" <> 'ended';--> statement-breakpoint
CREATE INDEX "assistance_facilitator_idx" ON "assistance_arrangements" USING btree ("facilitator_id","status");--> statement-breakpoint
CREATE INDEX "assistance_producer_idx" ON "assistance_arrangements" USING btree ("producer_id");--> statement-breakpoint
CREATE TABLE "partner_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"wilaya_codes" smallint[] NOT NULL,
	"datasets" text[] NOT NULL,
	"rate_per_minute" integer DEFAULT 60 NOT NULL,
	"webhook_url" text,
	"webhook_secret" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "partner_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "partner_keys" ADD CONSTRAINT "partner_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "partner_api_calls" (
	"id" text PRIMARY KEY NOT NULL,
	"key_id" text,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" smallint NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_api_calls" ADD CONSTRAINT "partner_api_calls_key_id_partner_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."partner_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_api_calls_key_idx" ON "partner_api_calls" USING btree ("key_id","created_at");--> statement-breakpoint
CREATE TABLE "partner_webhooks" (
	"id" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_webhooks" ADD CONSTRAINT "partner_webhooks_key_id_partner_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."partner_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_webhooks_due_idx" ON "partner_webhooks" USING btree ("next_attempt_at") WHERE "partner_webhooks"."delivered_at" is null and "partner_webhooks"."failed_at" is null;--> statement-breakpoint
CREATE TABLE "open_data_files" (
	"id" text PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"dataset" text NOT NULL,
	"format" text NOT NULL,
	"content" text NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "open_data_files_idx" ON "open_data_files" USING btree ("month","dataset","format");--> statement-breakpoint
CREATE TABLE "local_cells" (
	"id" text PRIMARY KEY NOT NULL,
	"wilaya_code" smallint NOT NULL,
	"commune_code" text,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"phone" text NOT NULL,
	"hours" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "local_cells" ADD CONSTRAINT "local_cells_wilaya_code_wilayas_code_fk" FOREIGN KEY ("wilaya_code") REFERENCES "public"."wilayas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "local_cells_place_idx" ON "local_cells" USING btree ("wilaya_code","commune_code");
