-- Spreadsheet import jobs (sheet.SheetService), shared by every server process on this database.
--
-- core.sheet_import: one row per import, inserted before the upload's rows are read. The process running it
-- (instance_id) writes its progress about once a second (updated_at by the database's clock) and its final state,
-- errors and message once, after its error rows. Readers on any process answer from here; a 'running' row whose
-- updated_at is older than two minutes belongs to a process that died and is shown (and, by the core job
-- core/sheet-imports, marked) 'failed'. DELETE sets cancel_requested, which the runner reads on its progress tick
-- and again, under the row lock, when it moves to phase 'merging'; once merging, a cancel is refused.
--
-- core.sheet_import_error_row: the rejected rows as read (cells) with their reasons, for the errors.xlsx report,
-- the first 10,000 of them (errors in sheet_import.errors: the first 1,000, as the job answers them).

CREATE TABLE core.sheet_import (
  id               uuid        PRIMARY KEY,
  plugin           text        NOT NULL CHECK (plugin ~ '^[a-z][a-z0-9-]{0,63}$'),
  register         text        NOT NULL CHECK (char_length(register) BETWEEN 1 AND 100),
  county           text        NOT NULL CHECK (char_length(county) BETWEEN 1 AND 32),
  user_id          bigint,
  file_name        text        CHECK (char_length(file_name) <= 255),
  file_type        text        NOT NULL CHECK (file_type IN ('csv', 'xlsx')),
  dry_run          boolean     NOT NULL,
  state            text        NOT NULL CHECK (state IN ('running', 'validated', 'rejected', 'imported', 'cancelled',
                                                         'failed')),
  phase            text        NOT NULL CHECK (phase IN ('reading', 'merging', 'done')),
  message          text        CHECK (char_length(message) <= 2000),
  rows_read        bigint      NOT NULL DEFAULT 0,
  rows_valid       bigint      NOT NULL DEFAULT 0,
  rows_rejected    bigint      NOT NULL DEFAULT 0,
  rows_merged      bigint      NOT NULL DEFAULT 0,
  error_count      bigint      NOT NULL DEFAULT 0,
  errors           jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(errors) = 'array'),
  report_rows      integer     NOT NULL DEFAULT 0,
  cancel_requested boolean     NOT NULL DEFAULT false,
  instance_id      text        NOT NULL,
  started_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  finished_at      timestamptz
);

-- The stale-job sweep: running jobs by their last progress.
CREATE INDEX sheet_import_running ON core.sheet_import (updated_at) WHERE state = 'running';
-- Retention: finished jobs, oldest first.
CREATE INDEX sheet_import_started ON core.sheet_import (started_at);

CREATE TABLE core.sheet_import_error_row (
  import_id uuid    NOT NULL REFERENCES core.sheet_import (id) ON DELETE CASCADE,
  seq       integer NOT NULL,
  row_no    integer NOT NULL,
  cells     jsonb   NOT NULL CHECK (jsonb_typeof(cells) = 'array'),
  errors    jsonb   NOT NULL CHECK (jsonb_typeof(errors) = 'array'),
  PRIMARY KEY (import_id, seq)
);
