-- Stop-desks at checkout (issue 19): the buyer's desk is kept on the order; carriers' desk lists
-- are cached a day in the database (read inside the checkout transaction, fetched outside it).
ALTER TABLE "orders" ADD COLUMN "stop_desk_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "stop_desk_name" text;--> statement-breakpoint
CREATE TABLE "carrier_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL
);
