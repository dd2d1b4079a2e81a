-- Enterprises and their hidden hazards (隐患). Every row belongs to one county.

-- GB 32100-2015: 18 characters of a 31-character alphabet (no I, O, S, V, Z), characters 3-8 the division code, the
-- last a check character over the first 17 with weights 3^i mod 31. The API and the spreadsheet import check it
-- first (naming the field or the row); this keeps any other way in honest.
CREATE FUNCTION safety.credit_code_valid(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'
     AND substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                (31 - (SELECT sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, i::int, 1)) - 1) * w)
                       FROM unnest(ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
                            WITH ORDINALITY AS t (w, i))::int % 31) % 31 + 1, 1) = substr(code, 18, 1)
$$;

CREATE TABLE safety.enterprise (
  id            bigserial PRIMARY KEY,
  county_code   char(6)   NOT NULL,
  name          text      NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  credit_code   char(18)  NOT NULL CHECK (safety.credit_code_valid(credit_code)),  -- 统一社会信用代码
  industry      text      NOT NULL CHECK (length(industry) BETWEEN 1 AND 50),
  risk_level    text      NOT NULL CHECK (risk_level IN ('major', 'high', 'general', 'low')),
  key_enterprise boolean  NOT NULL DEFAULT false,
  township      text,
  demo          boolean   NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  -- The code identifies an enterprise nationally: one row for it in the whole city.
  CONSTRAINT enterprise_credit_code_key UNIQUE (credit_code),
  -- Target of the hazards' (enterprise, county) reference: a hazard cannot point to another county's enterprise.
  UNIQUE (id, county_code)
);
CREATE INDEX enterprise_by_county ON safety.enterprise (county_code, id);

CREATE SEQUENCE safety.hazard_code_seq;

CREATE TABLE safety.hazard (
  id                 bigserial PRIMARY KEY,
  county_code        char(6)   NOT NULL,
  code               text      NOT NULL CHECK (length(code) BETWEEN 1 AND 40),   -- 隐患编号
  enterprise_id      bigint    NOT NULL,
  found_on           date      NOT NULL,
  found_by           text      NOT NULL CHECK (found_by IN ('self_inspection', 'department_inspection', 'media',
                                                          'report')),
  description        text      NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
  level              text      NOT NULL CHECK (level IN ('general', 'major')),
  responsible_person text      NOT NULL CHECK (length(responsible_person) BETWEEN 1 AND 50),
  plan               text,
  deadline           date      NOT NULL,
  status             text      NOT NULL DEFAULT 'open'
                               CHECK (status IN ('open', 'rectifying', 'rectified', 'verified')),
  overdue            boolean   NOT NULL DEFAULT false,
  overdue_since      date,
  evidence           text,
  rectified_on       date,
  reported_by        bigint,              -- the user who recorded it (null: imported or demo)
  reported_by_name   text,
  verified_by        bigint,
  verified_by_name   text,
  verifier_note      text,
  verified_on        date,
  demo               boolean   NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  FOREIGN KEY (enterprise_id, county_code) REFERENCES safety.enterprise (id, county_code),
  CONSTRAINT hazard_major_needs_plan CHECK (level <> 'major' OR plan IS NOT NULL),
  CONSTRAINT hazard_deadline_after_found CHECK (deadline >= found_on),
  CONSTRAINT hazard_rectified_has_evidence CHECK (status IN ('open', 'rectifying') OR evidence IS NOT NULL),
  CONSTRAINT hazard_verified_has_verifier CHECK (status <> 'verified' OR verified_on IS NOT NULL),
  CONSTRAINT hazard_major_verifier_not_reporter
    CHECK (level <> 'major' OR verified_by IS NULL OR reported_by IS NULL OR verified_by <> reported_by),
  CONSTRAINT hazard_code_key UNIQUE (county_code, code)
);
CREATE INDEX hazard_by_county ON safety.hazard (county_code, id);
CREATE INDEX hazard_by_enterprise ON safety.hazard (enterprise_id);
-- The deadlines job: open work past its deadline.
CREATE INDEX hazard_due ON safety.hazard (county_code, deadline) WHERE status IN ('open', 'rectifying') AND NOT overdue;
-- The city's view of major hazards.
CREATE INDEX hazard_major ON safety.hazard (county_code, id) WHERE level = 'major';

-- Each escalation of an overdue hazard: to the county (general) or the city (major).
CREATE TABLE safety.escalation (
  id               bigserial PRIMARY KEY,
  hazard_id        bigint    NOT NULL REFERENCES safety.hazard (id) ON DELETE CASCADE,
  county_code      char(6)   NOT NULL,
  audience         text      NOT NULL CHECK (audience IN ('county', 'city')),
  escalated_on     date      NOT NULL,
  notification_id  bigint,
  UNIQUE (hazard_id, escalated_on)
);
CREATE INDEX escalation_by_county ON safety.escalation (county_code);

-- Quarterly hazard statistics per enterprise, written by the job "quarterly-statistics" (enterprises report
-- quarterly); one row per enterprise and quarter, recomputed if the job runs again.
CREATE TABLE safety.quarterly_statistic (
  county_code     char(6)  NOT NULL,
  enterprise_id   bigint   NOT NULL REFERENCES safety.enterprise (id) ON DELETE CASCADE,
  quarter_start   date     NOT NULL,
  found_general   integer  NOT NULL,
  found_major     integer  NOT NULL,
  rectified       integer  NOT NULL,
  overdue         integer  NOT NULL,
  self_reported   integer  NOT NULL,   -- hazards the enterprise found itself (its own quarterly report)
  computed_at     timestamptz NOT NULL,
  PRIMARY KEY (enterprise_id, quarter_start)
);
CREATE INDEX quarterly_statistic_by_county ON safety.quarterly_statistic (county_code, quarter_start);
