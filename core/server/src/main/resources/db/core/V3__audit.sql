-- The audit log: append-only and hash-chained, enforced by the database itself so that every insert path (the
-- core's and every plugin's) is covered and even a superuser session (the embedded database connects as postgres)
-- cannot UPDATE or DELETE a row through SQL without first disabling a trigger (which the verification then exposes).
--
-- Chain: row n carries prev_hash = hash of row n-1 and hash = SHA-256(prev_hash || canonical(row n)), where
-- canonical(row) is the UTF-8 text of the JSON array
--   [id, at in UTC as "YYYY-MM-DDTHH:MM:SS.ffffffZ", user_id, username, ip, request_id, plugin, county, action,
--    object_type, object_id, result, detail]
-- exactly as PostgreSQL prints that jsonb value (core.audit_row_hash). The chain starts from core.audit_genesis().
--
-- Ids are given by the BEFORE INSERT trigger from the chain head (a one-row table locked with SELECT ... FOR UPDATE),
-- so id order is chain order and ids have no holes except pruned ones. The lock is held until the inserting
-- transaction ends: audit inserts are serialised from that point to commit. Callers therefore record their audit
-- row as late as possible in their transaction (AuditLog.inTransaction does so after the work).
--
-- Pruning (core.audit_prune, run by the daily core job audit-retention) deletes rows older than the retention and
-- never any row younger than 180 days by the database's own clock. For every run of pruned ids it keeps one row in
-- core.audit_gap (first id, last id, hash of the last pruned row), so the row after a gap still has its prev_hash
-- checked and verification of what remains stays exact.

CREATE TABLE core.audit_log (
  id          bigint      PRIMARY KEY,
  at          timestamptz NOT NULL,
  user_id     bigint,
  username    text        CHECK (char_length(username) <= 128),
  ip          text        CHECK (char_length(ip) <= 64),
  request_id  text        CHECK (char_length(request_id) <= 128),
  plugin      text        NOT NULL CHECK (plugin ~ '^[a-z][a-z0-9-]{0,63}$'),
  county      text        CHECK (char_length(county) <= 32),
  action      varchar(64) NOT NULL CONSTRAINT audit_action_format CHECK (action ~ '^[a-z][a-z0-9_.-]*$'),
  object_type varchar(64) NOT NULL CHECK (char_length(object_type) >= 1),
  object_id   text        CHECK (char_length(object_id) <= 1000),
  result      text        NOT NULL CHECK (result IN ('success', 'denied', 'failed')),
  detail      jsonb,
  prev_hash   bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
  hash        bytea       NOT NULL CHECK (octet_length(hash) = 32)
);

-- Newest first, optionally filtered by one of the query parameters; every index ends with (at, id) so a filtered,
-- time-bounded page is one backward index range scan.
CREATE INDEX audit_log_at ON core.audit_log (at, id);
CREATE INDEX audit_log_username_at ON core.audit_log (username, at, id);
CREATE INDEX audit_log_county_at ON core.audit_log (county, at, id);
CREATE INDEX audit_log_plugin_at ON core.audit_log (plugin, at, id);
CREATE INDEX audit_log_action_at ON core.audit_log (action, at, id);

-- The chain head: the last id given and the hash of that row. Exactly one row.
CREATE TABLE core.audit_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_id   bigint  NOT NULL,
  last_hash bytea   NOT NULL
);

-- Runs of pruned ids: rows first_id..last_id were deleted by core.audit_prune; last_hash is the hash row last_id had,
-- i.e. the prev_hash the next remaining row must carry.
CREATE TABLE core.audit_gap (
  first_id  bigint PRIMARY KEY,
  last_id   bigint NOT NULL UNIQUE CHECK (last_id >= first_id),
  last_hash bytea  NOT NULL
);

CREATE FUNCTION core.audit_genesis() RETURNS bytea
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT sha256(convert_to('zhenxing audit log genesis', 'UTF8')) $$;

INSERT INTO core.audit_chain_head (singleton, last_id, last_hash) VALUES (true, 0, core.audit_genesis());

-- The hash a row must carry, from its prev_hash, id and fields (never from its hash column): the insert trigger
-- stores it and verification recomputes it.
CREATE FUNCTION core.audit_row_hash(r core.audit_log) RETURNS bytea
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT sha256(r.prev_hash || convert_to(jsonb_build_array(
      r.id, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.user_id, r.username, r.ip,
      r.request_id, r.plugin, r.county, r.action, r.object_type, r.object_id, r.result, r.detail)::text, 'UTF8'))
  $$;

-- BEFORE INSERT: take the chain head under a row lock, number and chain the row, move the head.
CREATE FUNCTION core.audit_chain_insert() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    head core.audit_chain_head%ROWTYPE;
  BEGIN
    SELECT * INTO STRICT head FROM core.audit_chain_head WHERE singleton FOR UPDATE;
    NEW.id := head.last_id + 1;
    NEW.prev_hash := head.last_hash;
    NEW.hash := core.audit_row_hash(NEW);
    UPDATE core.audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash WHERE singleton;
    RETURN NEW;
  END
  $$;

-- The pruning cutoff of the current transaction, set only by core.audit_prune (transaction-local); null otherwise.
CREATE FUNCTION core.audit_prune_cutoff() RETURNS timestamptz
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('zx.audit_prune_before', true), '')::timestamptz $$;

-- BEFORE UPDATE OR DELETE: rows never change; a row is deleted only by core.audit_prune, only when older than the
-- cutoff it set, and never when younger than 180 days.
CREATE FUNCTION core.audit_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    cutoff timestamptz;
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      RAISE EXCEPTION 'core.audit_log is append-only: rows cannot be changed (id %)', OLD.id
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    cutoff := core.audit_prune_cutoff();
    IF cutoff IS NULL THEN
      RAISE EXCEPTION 'core.audit_log is append-only: rows are removed only by core.audit_prune (id %)', OLD.id
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF cutoff > now() - interval '180 days' OR OLD.at >= cutoff THEN
      RAISE EXCEPTION 'core.audit_log: row % is within the retention period and cannot be removed', OLD.id
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END
  $$;

-- The chain head and the gap records change only through the insert trigger and core.audit_prune.
CREATE FUNCTION core.audit_bookkeeping_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_TABLE_NAME = 'audit_chain_head' AND TG_OP IN ('INSERT', 'DELETE') THEN
      RAISE EXCEPTION 'core.audit_chain_head has exactly one row' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_TABLE_NAME = 'audit_gap' AND core.audit_prune_cutoff() IS NULL THEN
      RAISE EXCEPTION 'core.audit_gap changes only through core.audit_prune' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END
  $$;

CREATE FUNCTION core.audit_no_truncate() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    RAISE EXCEPTION '% cannot be truncated: the audit log is append-only', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END
  $$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON core.audit_log
  FOR EACH ROW EXECUTE FUNCTION core.audit_chain_insert();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON core.audit_log
  FOR EACH ROW EXECUTE FUNCTION core.audit_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON core.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION core.audit_no_truncate();
CREATE TRIGGER audit_chain_head_guard BEFORE INSERT OR DELETE ON core.audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION core.audit_bookkeeping_guard();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON core.audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION core.audit_no_truncate();
CREATE TRIGGER audit_gap_guard BEFORE INSERT OR UPDATE OR DELETE ON core.audit_gap
  FOR EACH ROW EXECUTE FUNCTION core.audit_bookkeeping_guard();
CREATE TRIGGER audit_gap_no_truncate BEFORE TRUNCATE ON core.audit_gap
  FOR EACH STATEMENT EXECUTE FUNCTION core.audit_no_truncate();

-- Fire even in sessions with session_replication_role = replica (a superuser's other way around triggers).
ALTER TABLE core.audit_log ENABLE ALWAYS TRIGGER audit_log_chain;
ALTER TABLE core.audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
ALTER TABLE core.audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
ALTER TABLE core.audit_chain_head ENABLE ALWAYS TRIGGER audit_chain_head_guard;
ALTER TABLE core.audit_chain_head ENABLE ALWAYS TRIGGER audit_chain_head_no_truncate;
ALTER TABLE core.audit_gap ENABLE ALWAYS TRIGGER audit_gap_guard;
ALTER TABLE core.audit_gap ENABLE ALWAYS TRIGGER audit_gap_no_truncate;

-- Deletes the rows older than p_cutoff (never newer than 180 days before the database's clock: a later cutoff is
-- lowered to that) and records the pruned id runs in core.audit_gap, merged with earlier ones. Answers the number
-- of rows deleted. One pruning at a time.
CREATE FUNCTION core.audit_prune(p_cutoff timestamptz) RETURNS bigint
  LANGUAGE plpgsql
  AS $$
  DECLARE
    cutoff  timestamptz := least(p_cutoff, now() - interval '180 days');
    deleted bigint;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('core.audit_prune'));
    PERFORM set_config('zx.audit_prune_before',
        to_char(cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), true);
    WITH doomed AS (
      DELETE FROM core.audit_log WHERE at < cutoff RETURNING id, hash
    ), earlier AS (
      DELETE FROM core.audit_gap RETURNING first_id, last_id, last_hash
    ), pieces AS (
      SELECT id AS first_id, id AS last_id, hash AS last_hash FROM doomed
      UNION ALL
      SELECT first_id, last_id, last_hash FROM earlier
    ), flagged AS (
      SELECT p.*, CASE WHEN p.first_id = 1 + max(p.last_id) OVER (ORDER BY p.first_id
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS starts
      FROM pieces p
    ), islands AS (
      SELECT f.*, sum(f.starts) OVER (ORDER BY f.first_id) AS island FROM flagged f
    ), merged AS (
      INSERT INTO core.audit_gap (first_id, last_id, last_hash)
      SELECT min(first_id), max(last_id), (array_agg(last_hash ORDER BY last_id DESC))[1]
      FROM islands GROUP BY island
      RETURNING 1
    )
    SELECT count(*) INTO deleted FROM doomed;
    PERFORM set_config('zx.audit_prune_before', '', true);
    RETURN deleted;
  END
  $$;

REVOKE UPDATE, DELETE, TRUNCATE ON core.audit_log FROM PUBLIC;
REVOKE ALL ON core.audit_chain_head, core.audit_gap FROM PUBLIC;
