-- Background jobs with several app servers on one database: each job's tick is claimed by one
-- conditional statement (the row's tick changes, and no run holds an unexpired lease), so across
-- the fleet each tick runs once and runs never overlap. Also what /metrics reads for job lag.
CREATE TABLE "job_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"tick" text,
	"running_until" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_duration_ms" integer,
	"runs" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_runner" text
);
