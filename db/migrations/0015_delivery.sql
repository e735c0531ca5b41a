-- Delivery companies (issue 19): a shop's carrier and keys, one parcel per order claimed before the
-- carrier is called, the carrier's status history, COD confirmation calls and buyer codes.
CREATE TABLE "shop_carriers" (
	"shop_id" text PRIMARY KEY NOT NULL,
	"carrier" text DEFAULT 'own' NOT NULL,
	"account" text DEFAULT 'platform' NOT NULL,
	"base_url" text,
	"credentials" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shop_carriers_carrier_check" CHECK ("shop_carriers"."carrier" in ('own', 'yalidine', 'guepex', 'ecotrack')),
	CONSTRAINT "shop_carriers_account_check" CHECK ("shop_carriers"."account" in ('platform', 'shop'))
);
--> statement-breakpoint
ALTER TABLE "shop_carriers" ADD CONSTRAINT "shop_carriers_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "parcels" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"carrier" text NOT NULL,
	"account" text NOT NULL,
	"reference" text NOT NULL,
	"tracking" text,
	"label_url" text,
	"stop_desk_id" text,
	"status" text DEFAULT 'claimed' NOT NULL,
	"state" text,
	"carrier_status" text,
	"uncertain" smallint DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"next_poll_at" timestamp with time zone,
	"poll_failures" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parcels_status_check" CHECK ("parcels"."status" in ('claimed', 'calling', 'created', 'failed', 'needs_check'))
);
--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_order_idx" ON "parcels" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_carrier_tracking_idx" ON "parcels" USING btree ("carrier","tracking");--> statement-breakpoint
CREATE INDEX "parcels_retry_idx" ON "parcels" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "parcels_poll_idx" ON "parcels" USING btree ("state","next_poll_at");--> statement-breakpoint
CREATE TABLE "parcel_events" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"carrier_status" text NOT NULL,
	"state" text,
	"reason" text,
	"place" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parcel_events" ADD CONSTRAINT "parcel_events_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parcel_events_once_idx" ON "parcel_events" USING btree ("parcel_id","carrier_status","occurred_at");--> statement-breakpoint
CREATE TABLE "cod_calls" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cod_calls_outcome_check" CHECK ("cod_calls"."outcome" in ('confirmed', 'no_answer', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "cod_calls" ADD CONSTRAINT "cod_calls_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cod_calls" ADD CONSTRAINT "cod_calls_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cod_calls_order_idx" ON "cod_calls" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE TABLE "cod_buyer_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cod_buyer_codes" ADD CONSTRAINT "cod_buyer_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cod_buyer_codes_user_idx" ON "cod_buyer_codes" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "order_events" ADD COLUMN "step" text;
