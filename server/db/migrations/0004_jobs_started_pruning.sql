-- 0004: jobs.started_at and the index for pruning finished jobs (server/jobs).
--
-- started_at: when the current (latest) attempt was claimed; every claim sets it to now(), so
-- started_at - created_at is the enqueue-to-start latency of a job that ran at its first attempt
-- (bench/jobs-bench measures it this way). NULL until the first claim; rows from before this
-- migration keep NULL.
--
-- Pruning: the workers delete done jobs whose finished_at is older than [jobs] keep_done_hours,
-- in batches of the oldest first; this partial index serves that delete without touching queued,
-- running or dead rows. Dead jobs are never pruned (operators discard them).

ALTER TABLE jobs ADD COLUMN started_at timestamptz;

CREATE INDEX idx_jobs_done_finished ON jobs (finished_at) WHERE state = 'done';
