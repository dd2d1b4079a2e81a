-- The outsourcing and leasing investigation (外包外租大排查), hazardous-work training, risk and operation cards, and
-- study and education events. Every row belongs to one county.

CREATE TABLE safety.outsourcing_inspection (
  id             bigserial PRIMARY KEY,
  county_code    char(6)   NOT NULL,
  enterprise_id  bigint    NOT NULL,
  project        text      NOT NULL CHECK (length(project) BETWEEN 1 AND 100),
  kind           text      NOT NULL CHECK (kind IN ('outsourced', 'leased')),
  contractor     text      NOT NULL CHECK (length(contractor) BETWEEN 1 AND 100),
  inspected_on   date      NOT NULL,
  inspector      text      NOT NULL CHECK (length(inspector) BETWEEN 1 AND 50),
  findings       text,
  violation      boolean   NOT NULL,
  outcome        text      CHECK (outcome IN ('corrected', 'banned')),
  outcome_on     date,
  demo           boolean   NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  FOREIGN KEY (enterprise_id, county_code) REFERENCES safety.enterprise (id, county_code),
  -- Only a violation is corrected or banned; a decided outcome has its date.
  CONSTRAINT outsourcing_outcome_needs_violation CHECK (outcome IS NULL OR violation),
  CONSTRAINT outsourcing_outcome_dated CHECK ((outcome IS NULL) = (outcome_on IS NULL)),
  CONSTRAINT outsourcing_violation_has_findings CHECK (NOT violation OR findings IS NOT NULL)
);
CREATE INDEX outsourcing_by_county ON safety.outsourcing_inspection (county_code, id);

CREATE TABLE safety.training (
  id             bigserial PRIMARY KEY,
  county_code    char(6)   NOT NULL,
  enterprise_id  bigint,
  work_type      text      NOT NULL CHECK (work_type IN ('hot_work', 'welding', 'electrical', 'confined_space',
                                                         'work_at_height', 'hoisting', 'other')),
  title          text      NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  held_on        date      NOT NULL,
  place          text      NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
  trainer        text,
  demo           boolean   NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  FOREIGN KEY (enterprise_id, county_code) REFERENCES safety.enterprise (id, county_code),
  UNIQUE (id, county_code)
);
CREATE INDEX training_by_county ON safety.training (county_code, id);

-- A trainee of one training; the ID-card number only sealed (cipher, blind index, masked).
CREATE TABLE safety.trainee (
  id               bigserial PRIMARY KEY,
  training_id      bigint    NOT NULL,
  county_code      char(6)   NOT NULL,
  name             text      NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  id_cipher        text      NOT NULL,
  id_index         text      NOT NULL,
  id_masked        text      NOT NULL,
  passed           boolean   NOT NULL DEFAULT false,
  certificate_no   text      CHECK (length(certificate_no) BETWEEN 1 AND 50),
  certificate_until date,
  created_at       timestamptz NOT NULL,
  FOREIGN KEY (training_id, county_code) REFERENCES safety.training (id, county_code) ON DELETE CASCADE,
  CONSTRAINT trainee_once_per_training UNIQUE (training_id, id_index),
  CONSTRAINT trainee_certificate_needs_pass CHECK (certificate_no IS NULL OR passed),
  CONSTRAINT trainee_certificate_no_key UNIQUE (certificate_no)
);
CREATE INDEX trainee_by_county ON safety.trainee (county_code);

-- Post risk notification cards (岗位风险告知卡) and safety operation cards (安全操作卡) issued to an enterprise.
CREATE TABLE safety.card_issue (
  id             bigserial PRIMARY KEY,
  county_code    char(6)   NOT NULL,
  enterprise_id  bigint    NOT NULL,
  card_type      text      NOT NULL CHECK (card_type IN ('risk_notification', 'safety_operation')),
  post           text      NOT NULL CHECK (length(post) BETWEEN 1 AND 50),   -- 岗位
  copies         integer   NOT NULL CHECK (copies BETWEEN 1 AND 100000),
  issued_on      date      NOT NULL,
  demo           boolean   NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  FOREIGN KEY (enterprise_id, county_code) REFERENCES safety.enterprise (id, county_code)
);
CREATE INDEX card_issue_by_county ON safety.card_issue (county_code, id);

CREATE TABLE safety.education_event (
  id             bigserial PRIMARY KEY,
  county_code    char(6)   NOT NULL,
  type           text      NOT NULL CHECK (type IN ('concentrated_study', 'five_take_the_lead', 'hot_work_publicity',
                     'warning_education', 'emergency_five_ones', 'consultation_day', 'media_interview',
                     'expert_interview')),
  title          text      NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  held_on        date      NOT NULL,
  place          text      NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
  participants   integer   NOT NULL CHECK (participants BETWEEN 0 AND 1000000),
  organizer      text,
  enterprise_id  bigint,
  demo           boolean   NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  FOREIGN KEY (enterprise_id, county_code) REFERENCES safety.enterprise (id, county_code)
);
CREATE INDEX education_event_by_county ON safety.education_event (county_code, held_on);
