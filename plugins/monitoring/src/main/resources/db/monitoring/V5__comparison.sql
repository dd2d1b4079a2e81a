-- 信息比对 (issue #6): department batches of person-level records, matched to members by blind index only (no
-- cipher is kept: the records are compared, never read back in clear). A batch is one file of one department and
-- period; re-importing it updates its records and raises only the signals not yet raised; rolling it back removes
-- its records, signals and the warnings they raised, and keeps the batch row as the record of what happened.
CREATE TABLE monitoring.comparison_batch (
  id               bigserial     PRIMARY KEY,
  county_code      char(6)       NOT NULL,
  batch_no         varchar(40)   NOT NULL,
  department       varchar(20)   NOT NULL CHECK (department IN ('医保', '民政', '教育', '人社', '住建', '应急管理', '残联')),
  period           varchar(7)    NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  source           varchar(100)  NOT NULL,
  status           varchar(12)   NOT NULL CHECK (status IN ('applied', 'rolled-back')),
  runs             integer       NOT NULL CHECK (runs >= 1),
  rows_read        integer       NOT NULL CHECK (rows_read >= 0),
  matched          integer       NOT NULL CHECK (matched >= 0),
  unmatched        integer       NOT NULL CHECK (unmatched >= 0),
  signals_raised   integer       NOT NULL CHECK (signals_raised >= 0),
  warnings_raised  integer       NOT NULL CHECK (warnings_raised >= 0),
  duration_ms      bigint        NOT NULL CHECK (duration_ms >= 0),
  imported_at      timestamptz   NOT NULL,
  rolled_back_at   timestamptz,
  rolled_back_by   varchar(128),
  UNIQUE (county_code, batch_no),
  CHECK ((status = 'rolled-back') = (rolled_back_at IS NOT NULL))
);
CREATE INDEX comparison_batch_county ON monitoring.comparison_batch (county_code, id);

CREATE TABLE monitoring.comparison_record (
  id            bigserial     PRIMARY KEY,
  batch_id      bigint        NOT NULL REFERENCES monitoring.comparison_batch (id) ON DELETE CASCADE,
  county_code   char(6)       NOT NULL,
  row_no        integer       NOT NULL,
  person_index  text          NOT NULL,
  id_masked     varchar(18)   NOT NULL,
  name          varchar(30),
  risk_kind     varchar(20)   NOT NULL,
  amount        numeric(14,2) CHECK (amount >= 0),
  occurred_on   date          NOT NULL,
  description   varchar(300),
  member_id     bigint        REFERENCES monitoring.member (id) ON DELETE SET NULL,
  household_id  bigint        REFERENCES monitoring.household (id) ON DELETE SET NULL,
  signal_id     bigint        REFERENCES monitoring.signal (id) ON DELETE SET NULL,
  UNIQUE (batch_id, person_index, risk_kind)
);
CREATE INDEX comparison_record_batch ON monitoring.comparison_record (batch_id, row_no);
CREATE INDEX comparison_record_unmatched ON monitoring.comparison_record (county_code, batch_id) WHERE household_id IS NULL;
