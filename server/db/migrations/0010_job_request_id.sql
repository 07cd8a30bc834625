-- 0010: jobs.request_id, the X-Request-Id of the request that enqueued a job (server/jobs).
--
-- The job workers run a job under that id, so the job's log lines carry the id of the request
-- that caused it (docs/operations.md, "Health and logs").
-- NULL for jobs enqueued outside a request (housekeeping, the command line) and for older rows.
-- Adding a nullable column without a default rewrites nothing.

ALTER TABLE jobs ADD COLUMN request_id text CHECK (length(request_id) <= 200);
