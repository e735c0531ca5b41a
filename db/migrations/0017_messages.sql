CREATE TABLE "conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_id" text NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"shop_id" text NOT NULL REFERENCES "shops"("id") ON DELETE cascade,
	"product_id" text REFERENCES "products"("id") ON DELETE set null,
	"order_id" text REFERENCES "orders"("id") ON DELETE set null,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"buyer_read_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shop_read_at" timestamp with time zone DEFAULT now() NOT NULL,
	"buyer_digested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shop_digested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reported_at" timestamp with time zone,
	"reported_by" text REFERENCES "users"("id") ON DELETE set null,
	"report_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_buyer_shop_idx" ON "conversations" ("buyer_id","shop_id");
--> statement-breakpoint
CREATE INDEX "conversations_shop_idx" ON "conversations" ("shop_id","last_message_at");
--> statement-breakpoint
CREATE INDEX "conversations_reported_idx" ON "conversations" ("reported_at") WHERE "reported_at" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL REFERENCES "conversations"("id") ON DELETE cascade,
	"sender_id" text NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"from_shop" boolean NOT NULL,
	"body" text NOT NULL,
	"masked" boolean DEFAULT false NOT NULL,
	"images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "messages_conversation_idx" ON "messages" ("conversation_id","created_at");
--> statement-breakpoint
CREATE TABLE "messaging_blocks" (
	"user_id" text PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"blocked_by" text NOT NULL REFERENCES "users"("id"),
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quick_replies" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL REFERENCES "shops"("id") ON DELETE cascade,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "quick_replies_shop_idx" ON "quick_replies" ("shop_id","created_at");
--> statement-breakpoint
CREATE TABLE "favourites" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text REFERENCES "users"("id") ON DELETE cascade,
	"visitor_token_hash" text,
	"product_id" text NOT NULL REFERENCES "products"("id") ON DELETE cascade,
	"price_seen" bigint NOT NULL,
	"in_stock_seen" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favourites_owner_check" CHECK (("user_id" IS NULL) <> ("visitor_token_hash" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "favourites_user_product_idx" ON "favourites" ("user_id","product_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "favourites_visitor_product_idx" ON "favourites" ("visitor_token_hash","product_id");
--> statement-breakpoint
CREATE INDEX "favourites_product_idx" ON "favourites" ("product_id");
