-- The labor plugin's registers (schema labor, created by the host). Every row belongs to a county; rows that refer
-- to each other carry the county in their foreign keys, so a row can never point at another county's row.

-- 劳务品牌: the six of the seed (seeded = true) and those the counties add.
CREATE TABLE labor.brand (
  id                bigserial   PRIMARY KEY,
  county_code       char(6)     NOT NULL,
  name              text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
  trade             text        NOT NULL CHECK (char_length(trade) BETWEEN 1 AND 50),
  description       text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
  training_standard text        NOT NULL DEFAULT '' CHECK (char_length(training_standard) <= 2000),
  seeded            boolean     NOT NULL DEFAULT false,
  demo              boolean     NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL,
  UNIQUE (county_code, name),
  UNIQUE (id, county_code)
);

-- 脱贫劳动力: one row per person in the whole city (the blind index is unique), ID number sealed.
CREATE TABLE labor.labourer (
  id          bigserial   PRIMARY KEY,
  county_code char(6)     NOT NULL,
  name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
  id_cipher   text        NOT NULL,
  id_index    text        NOT NULL,
  id_masked   text        NOT NULL,
  township    text        NOT NULL CHECK (char_length(township) BETWEEN 1 AND 50),
  village     text        NOT NULL CHECK (char_length(village) BETWEEN 1 AND 50),
  skills      text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(skills) <= 20),
  brand_id    bigint,
  demo        boolean     NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  UNIQUE (id, county_code),
  FOREIGN KEY (brand_id, county_code) REFERENCES labor.brand (id, county_code)
);
CREATE UNIQUE INDEX labourer_person ON labor.labourer (id_index);
CREATE INDEX labourer_by_county ON labor.labourer (county_code, id);
CREATE INDEX labourer_by_brand ON labor.labourer (brand_id) WHERE brand_id IS NOT NULL;

-- 劳务中介组织 and the provinces they serve.
CREATE TABLE labor.intermediary (
  id          bigserial   PRIMARY KEY,
  county_code char(6)     NOT NULL,
  name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  licence_no  text        CHECK (char_length(licence_no) <= 50),
  provinces   text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(provinces) <= 34),
  demo        boolean     NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  UNIQUE (county_code, name),
  UNIQUE (id, county_code)
);

-- 务工就业记录. A person may hold several at once; counts are of distinct people.
CREATE TABLE labor.employment (
  id              bigserial     PRIMARY KEY,
  county_code     char(6)       NOT NULL,
  labourer_id     bigint        NOT NULL,
  employer        text          NOT NULL CHECK (char_length(employer) BETWEEN 1 AND 100),
  place           text          NOT NULL CHECK (place IN ('county', 'province', 'outside')),
  province        text          CHECK (char_length(province) BETWEEN 1 AND 20),
  sector          text          NOT NULL CHECK (char_length(sector) BETWEEN 1 AND 50),
  start_date      date          NOT NULL,
  end_date        date,
  monthly_income  numeric(10,2) CHECK (monthly_income >= 0),
  found_via       text          NOT NULL CHECK (found_via IN ('brand', 'intermediary', 'public-welfare', 'self')),
  intermediary_id bigint,
  -- Set once, by the employment-lost job, in the transaction that publishes the event: never published twice.
  lost_detected_on date,
  demo            boolean       NOT NULL DEFAULT false,
  created_at      timestamptz   NOT NULL,
  UNIQUE (id, county_code),
  FOREIGN KEY (labourer_id, county_code) REFERENCES labor.labourer (id, county_code) ON DELETE CASCADE,
  FOREIGN KEY (intermediary_id, county_code) REFERENCES labor.intermediary (id, county_code),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK (place <> 'outside' OR province IS NOT NULL),
  CHECK (found_via = 'intermediary' OR intermediary_id IS NULL)
);
-- The natural key of the spreadsheet import.
CREATE UNIQUE INDEX employment_natural ON labor.employment (labourer_id, employer, start_date);
CREATE INDEX employment_active ON labor.employment (county_code, start_date, end_date);
CREATE INDEX employment_ended ON labor.employment (county_code, end_date) WHERE lost_detected_on IS NULL;
CREATE INDEX employment_by_intermediary ON labor.employment (intermediary_id) WHERE intermediary_id IS NOT NULL;

-- Follow-up visits of a placement (by the intermediary or the county's labour office).
CREATE TABLE labor.follow_up (
  id             bigserial   PRIMARY KEY,
  county_code    char(6)     NOT NULL,
  employment_id  bigint      NOT NULL,
  followed_on    date        NOT NULL,
  still_employed boolean     NOT NULL,
  note           text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 1000),
  created_at     timestamptz NOT NULL,
  FOREIGN KEY (employment_id, county_code) REFERENCES labor.employment (id, county_code) ON DELETE CASCADE
);
CREATE INDEX follow_up_by_employment ON labor.follow_up (employment_id, followed_on);

-- Targets per county and year; the seed splits the city's 98,000 / 14,000.
CREATE TABLE labor.county_target (
  county_code     char(6)     NOT NULL,
  year            integer     NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  employed_target integer     NOT NULL CHECK (employed_target >= 0),
  outside_target  integer     NOT NULL CHECK (outside_target >= 0),
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, year),
  CHECK (outside_target <= employed_target)
);

-- Monthly snapshots: the figures of a county on the last day of a month, with the targets then in force.
CREATE TABLE labor.monthly_snapshot (
  county_code     char(6)     NOT NULL,
  month           date        NOT NULL CHECK (extract(day FROM month) = 1),
  as_of           date        NOT NULL,
  employed        integer     NOT NULL,
  outside         integer     NOT NULL,
  employed_target integer,
  outside_target  integer,
  taken_at        timestamptz NOT NULL,
  PRIMARY KEY (county_code, month)
);

-- Target-gap reports: where a county stood against its pro-rata path on a day.
CREATE TABLE labor.gap_report (
  county_code       char(6)     NOT NULL,
  report_date       date        NOT NULL,
  employed          integer     NOT NULL,
  employed_expected integer     NOT NULL,
  outside           integer     NOT NULL,
  outside_expected  integer     NOT NULL,
  below_path        boolean     NOT NULL,
  taken_at          timestamptz NOT NULL,
  PRIMARY KEY (county_code, report_date)
);

-- 实用性技能培训: courses (by brand), their sessions and trainees.
CREATE TABLE labor.course (
  id          bigserial   PRIMARY KEY,
  county_code char(6)     NOT NULL,
  name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  brand_id    bigint,
  hours       integer     NOT NULL CHECK (hours BETWEEN 1 AND 2000),
  demo        boolean     NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  UNIQUE (county_code, name),
  UNIQUE (id, county_code),
  FOREIGN KEY (brand_id, county_code) REFERENCES labor.brand (id, county_code)
);

CREATE TABLE labor.training_session (
  id          bigserial   PRIMARY KEY,
  county_code char(6)     NOT NULL,
  course_id   bigint      NOT NULL,
  starts_on   date        NOT NULL,
  ends_on     date        NOT NULL,
  place       text        NOT NULL CHECK (char_length(place) BETWEEN 1 AND 100),
  capacity    integer     NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  demo        boolean     NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  UNIQUE (id, county_code),
  FOREIGN KEY (course_id, county_code) REFERENCES labor.course (id, county_code),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX session_by_course ON labor.training_session (course_id);

CREATE TABLE labor.trainee (
  id             bigserial   PRIMARY KEY,
  county_code    char(6)     NOT NULL,
  session_id     bigint      NOT NULL,
  labourer_id    bigint      NOT NULL,
  completed_on   date,
  certificate_no text        CHECK (char_length(certificate_no) BETWEEN 1 AND 50),
  created_at     timestamptz NOT NULL,
  UNIQUE (session_id, labourer_id),
  FOREIGN KEY (session_id, county_code) REFERENCES labor.training_session (id, county_code),
  FOREIGN KEY (labourer_id, county_code) REFERENCES labor.labourer (id, county_code) ON DELETE CASCADE,
  CHECK (certificate_no IS NULL OR completed_on IS NOT NULL)
);
CREATE UNIQUE INDEX trainee_certificate ON labor.trainee (county_code, certificate_no) WHERE certificate_no IS NOT NULL;
CREATE INDEX trainee_by_labourer ON labor.trainee (labourer_id);

-- 雨露计划+ graduates from alleviated families.
CREATE TABLE labor.graduate (
  id               bigserial   PRIMARY KEY,
  county_code      char(6)     NOT NULL,
  name             text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
  id_cipher        text        NOT NULL,
  id_index         text        NOT NULL,
  id_masked        text        NOT NULL,
  township         text        NOT NULL CHECK (char_length(township) BETWEEN 1 AND 50),
  village          text        NOT NULL CHECK (char_length(village) BETWEEN 1 AND 50),
  school           text        NOT NULL CHECK (char_length(school) BETWEEN 1 AND 100),
  major            text        NOT NULL CHECK (char_length(major) BETWEEN 1 AND 100),
  graduation_year  integer     NOT NULL CHECK (graduation_year BETWEEN 2000 AND 2100),
  placement_status text        NOT NULL CHECK (placement_status IN ('employed', 'studying', 'unemployed')),
  employer         text        CHECK (char_length(employer) <= 100),
  help_given       text        NOT NULL DEFAULT '' CHECK (char_length(help_given) <= 1000),
  demo             boolean     NOT NULL DEFAULT false,
  updated_at       timestamptz NOT NULL,
  CHECK (placement_status = 'employed' OR employer IS NULL)
);
CREATE UNIQUE INDEX graduate_person ON labor.graduate (id_index);
CREATE INDEX graduate_by_status ON labor.graduate (county_code, placement_status, graduation_year);
