-- 防返贫保险 and the other policies of the insurance safety net (issue #6). A policy belongs to one county and covers
-- households of that county for its period; claims are per covered household.
CREATE TABLE monitoring.insurance_policy (
  id           bigserial     PRIMARY KEY,
  county_code  char(6)       NOT NULL,
  kind         varchar(20)   NOT NULL CHECK (kind IN ('灾害险', '价格险', '防返贫保险', '大病保险', '人身意外伤害保险')),
  policy_no    varchar(40)   NOT NULL,
  insurer      varchar(100)  NOT NULL,
  starts_on    date          NOT NULL,
  ends_on      date          NOT NULL,
  premium      numeric(14,2) CHECK (premium >= 0),
  sum_insured  numeric(14,2) CHECK (sum_insured >= 0),
  created_at   timestamptz   NOT NULL,
  created_by   varchar(128)  NOT NULL,
  UNIQUE (county_code, policy_no),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX insurance_policy_county ON monitoring.insurance_policy (county_code, kind, ends_on);

CREATE TABLE monitoring.insurance_coverage (
  policy_id     bigint   NOT NULL REFERENCES monitoring.insurance_policy (id) ON DELETE CASCADE,
  household_id  bigint   NOT NULL REFERENCES monitoring.household (id) ON DELETE CASCADE,
  county_code   char(6)  NOT NULL,
  PRIMARY KEY (policy_id, household_id)
);
-- "is this household insured today?" (nightly uninsured check, coverage metric)
CREATE INDEX insurance_coverage_household ON monitoring.insurance_coverage (household_id);

CREATE TABLE monitoring.insurance_claim (
  id            bigserial     PRIMARY KEY,
  county_code   char(6)       NOT NULL,
  policy_id     bigint        NOT NULL,
  household_id  bigint        NOT NULL,
  amount        numeric(14,2) NOT NULL CHECK (amount > 0),
  paid_amount   numeric(14,2) CHECK (paid_amount >= 0),
  status        varchar(10)   NOT NULL CHECK (status IN ('filed', 'approved', 'rejected', 'paid')),
  filed_on      date          NOT NULL,
  reason        varchar(300)  NOT NULL,
  decided_at    timestamptz,
  decided_by    varchar(128),
  -- a claim is only for a household the policy covers
  FOREIGN KEY (policy_id, household_id) REFERENCES monitoring.insurance_coverage (policy_id, household_id)
    ON DELETE CASCADE,
  CHECK (status <> 'paid' OR paid_amount IS NOT NULL),
  CHECK ((status = 'filed') = (decided_at IS NULL))
);
CREATE INDEX insurance_claim_county ON monitoring.insurance_claim (county_code, status, id);
CREATE INDEX insurance_claim_policy ON monitoring.insurance_claim (policy_id, household_id);

-- An uninsured monitoring object is a warning of its own rule, raised by the nightly evaluation.
ALTER TABLE monitoring.warning DROP CONSTRAINT warning_rule_check;
ALTER TABLE monitoring.warning ADD CONSTRAINT warning_rule_check CHECK (rule IN ('income', 'medical', 'schooling',
  'disaster', 'unemployment', 'other', 'uninsured'));
