-- A producer's figures (issue 21): product page views counted per product and Algerian day, never
-- per person. The server adds up views in memory and upserts these counters (one statement per
-- flush), so a view costs no row of its own. Bots and one person's reloads are left out before.
CREATE TABLE "product_views_daily" (
	"product_id" text NOT NULL REFERENCES "products"("id") ON DELETE CASCADE,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	PRIMARY KEY ("product_id", "day")
);
--> statement-breakpoint
-- The search words that led to a product page (the search page's `q` in the Referer of the view).
CREATE TABLE "product_search_terms_daily" (
	"product_id" text NOT NULL REFERENCES "products"("id") ON DELETE CASCADE,
	"day" date NOT NULL,
	"term" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	PRIMARY KEY ("product_id", "day", "term")
);
--> statement-breakpoint
-- The notifications centre: how a person wants each kind of notice (email, SMS or site only).
-- No row means the default (email); the site always lists every notice.
CREATE TABLE "notification_preferences" (
	"user_id" text NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("user_id", "kind"),
	CONSTRAINT "notification_preferences_channel_check" CHECK ("channel" IN ('email', 'sms', 'site'))
);
--> statement-breakpoint
-- The header's unread count on every signed-in page: a small partial index.
CREATE INDEX "notices_user_unread_idx" ON "notices" ("user_id") WHERE "read_at" IS NULL;
