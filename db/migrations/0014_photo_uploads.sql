-- Photos a producer's phone uploaded one by one while filling in the product form, before the
-- product exists (issue 16). Each is already checked and re-encoded (the files are stored); the
-- row goes away when the product is created with it (its key moves to product_images) or, if it is
-- never attached, the hourly clean-up removes it and its files after a day.
CREATE TABLE "photo_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"storage_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes_received" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "photo_uploads" ADD CONSTRAINT "photo_uploads_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "photo_uploads_shop_idx" ON "photo_uploads" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "photo_uploads_created_idx" ON "photo_uploads" USING btree ("created_at");
