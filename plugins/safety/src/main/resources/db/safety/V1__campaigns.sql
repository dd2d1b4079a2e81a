-- Work Safety Month campaigns (安全生产月) and their activities. A campaign and its activities are the city's plan
-- (reference data, no county); each county reports its own target and progress per activity.

CREATE TABLE safety.campaign (
  id          bigserial PRIMARY KEY,
  year        integer   NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  edition     integer   NOT NULL CHECK (edition BETWEEN 1 AND 200),   -- 第 N 个全国"安全生产月"
  month       integer   NOT NULL CHECK (month BETWEEN 1 AND 12),
  theme       text      NOT NULL CHECK (length(theme) BETWEEN 1 AND 100),
  focus       text,
  created_at  timestamptz NOT NULL,
  UNIQUE (year),
  UNIQUE (edition)
);

CREATE TABLE safety.activity (
  id            bigserial PRIMARY KEY,
  campaign_id   bigint    NOT NULL REFERENCES safety.campaign (id) ON DELETE CASCADE,
  ordinal       integer   NOT NULL CHECK (ordinal BETWEEN 1 AND 99),
  name          text      NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description   text,
  owner         text      NOT NULL CHECK (length(owner) BETWEEN 1 AND 100),
  starts_on     date      NOT NULL,
  ends_on       date      NOT NULL,
  target_count  integer   NOT NULL CHECK (target_count >= 0),       -- default target of each county
  unit          text      NOT NULL DEFAULT '次',
  CHECK (ends_on >= starts_on),
  UNIQUE (campaign_id, ordinal),
  UNIQUE (campaign_id, name)
);

-- A county's target and progress for one activity; no row = the activity's default target, nothing done.
CREATE TABLE safety.activity_progress (
  activity_id   bigint    NOT NULL REFERENCES safety.activity (id) ON DELETE CASCADE,
  county_code   char(6)   NOT NULL,
  target_count  integer   NOT NULL CHECK (target_count >= 0),
  done_count    integer   NOT NULL CHECK (done_count >= 0),
  note          text,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (activity_id, county_code)
);
CREATE INDEX activity_progress_by_county ON safety.activity_progress (county_code);

-- Weekly snapshots written by the job "campaign-progress", so progress over time can be charted.
CREATE TABLE safety.campaign_progress_snapshot (
  campaign_id   bigint    NOT NULL REFERENCES safety.campaign (id) ON DELETE CASCADE,
  county_code   char(6)   NOT NULL,
  taken_on      date      NOT NULL,
  target_count  integer   NOT NULL,
  done_count    integer   NOT NULL,
  activities_done integer NOT NULL,
  activities    integer   NOT NULL,
  PRIMARY KEY (campaign_id, county_code, taken_on)
);
