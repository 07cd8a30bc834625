-- 0003: durable background jobs (server/jobs). A job is enqueued in the caller's transaction, so
-- it exists exactly when the change that caused it committed. Workers in any number of server
-- processes claim jobs with FOR UPDATE SKIP LOCKED and hold a lease (locked_until); a claim whose
-- lease expired (its process died) is claimable again.
--
-- state: queued (run_at may be in the future: scheduled, or waiting for a retry after a failure),
-- running (claimed, lease in locked_by/locked_until), done, dead (failed max_attempts times, or
-- its kind is unknown; last_error says why). Finished jobs are kept (done and dead alike) so that
-- `shop-server jobs list` and operators can see what ran; they are small and their index is
-- partial, so they do not slow the claim.

CREATE TABLE jobs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
    state        text NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'running', 'done', 'dead')),
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    run_at       timestamptz NOT NULL DEFAULT now(),
    unique_key   text,
    locked_by    text,
    locked_until timestamptz,
    last_error   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);

-- The claim: the oldest due queued job.
CREATE INDEX idx_jobs_queued ON jobs (run_at, id) WHERE state = 'queued';
-- Reclaiming expired leases.
CREATE INDEX idx_jobs_running ON jobs (locked_until) WHERE state = 'running';
-- One pending (queued or running) job per unique key.
CREATE UNIQUE INDEX idx_jobs_unique_pending ON jobs (unique_key)
    WHERE unique_key IS NOT NULL AND state IN ('queued', 'running');

-- Wake idle workers at once: one NOTIFY per inserting statement, delivered on commit.
CREATE FUNCTION shop_jobs_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shop_jobs', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER jobs_notify AFTER INSERT ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION shop_jobs_inserted();
