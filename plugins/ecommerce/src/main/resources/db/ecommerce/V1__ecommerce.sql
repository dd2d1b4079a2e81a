-- 乡村e镇与农村电商带头人 / Rural e-towns and e-commerce leaders. The host creates the schema before this runs.
-- Every county row carries county_code, and every reference between county rows is a composite foreign key
-- (county_code, id), so a row can never point at another county's row, whatever the code does.

-- Reference data (seeded at every start): the shop platforms the programme counts.
CREATE TABLE ecommerce.platform (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z]+$'),
  name_zh  text NOT NULL UNIQUE,
  sort     integer NOT NULL
);

-- 乡村e镇: one per township at most.
CREATE TABLE ecommerce.etown (
  id                bigserial    PRIMARY KEY,
  county_code       char(6)      NOT NULL,
  name              text         NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  township          text         NOT NULL CHECK (length(township) BETWEEN 1 AND 40),
  leading_industry  text         NOT NULL CHECK (length(leading_industry) BETWEEN 1 AND 60),
  operator          text         CHECK (length(operator) <= 100),          -- the operating company (运营主体)
  status            text         NOT NULL DEFAULT 'candidate'
                                 CHECK (status IN ('candidate', 'cultivating', 'accepted')),
  listed_on         date         NOT NULL,                                  -- became a candidate
  cultivating_since date,
  accepted_on       date,
  funds_planned     numeric(14,2) NOT NULL DEFAULT 0 CHECK (funds_planned >= 0),
  funds_spent       numeric(14,2) NOT NULL DEFAULT 0 CHECK (funds_spent >= 0),
  demo              boolean      NOT NULL DEFAULT false,
  created_at        timestamptz  NOT NULL,
  updated_at        timestamptz  NOT NULL,
  -- Support funds may not be over-spent: the plan is raised first (see README).
  CONSTRAINT etown_funds_within_plan CHECK (funds_spent <= funds_planned),
  CONSTRAINT etown_dates_in_order CHECK ((cultivating_since IS NULL OR cultivating_since >= listed_on)
      AND (accepted_on IS NULL OR (cultivating_since IS NOT NULL AND accepted_on >= cultivating_since))),
  CONSTRAINT etown_status_dates CHECK ((status = 'candidate') = (cultivating_since IS NULL)
      AND (status = 'accepted') = (accepted_on IS NOT NULL)),
  CONSTRAINT etown_township_unique UNIQUE (county_code, township),
  CONSTRAINT etown_name_unique UNIQUE (county_code, name),
  UNIQUE (county_code, id)
);
CREATE INDEX etown_by_county_status ON ecommerce.etown (county_code, status, id);

-- 农村电商带头人: a person, sealed; one leader record per person in the whole city.
CREATE TABLE ecommerce.leader (
  id            bigserial   PRIMARY KEY,
  county_code   char(6)     NOT NULL,
  etown_id      bigint,
  name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
  id_cipher     text        NOT NULL,
  id_index      text        NOT NULL,
  id_masked     text        NOT NULL,
  phone_cipher  text,
  phone_masked  text,
  cohort        text        CHECK (length(cohort) <= 30),                  -- 培育批次, e.g. 2023年第1期
  demo          boolean     NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT leader_etown FOREIGN KEY (county_code, etown_id) REFERENCES ecommerce.etown (county_code, id),
  UNIQUE (county_code, id)
);
CREATE UNIQUE INDEX leader_id_index_unique ON ecommerce.leader (id_index);
CREATE INDEX leader_by_county ON ecommerce.leader (county_code, id);
CREATE INDEX leader_by_etown ON ecommerce.leader (etown_id);

-- A leader's online shop on one platform.
CREATE TABLE ecommerce.shop (
  id           bigserial   PRIMARY KEY,
  county_code  char(6)     NOT NULL,
  leader_id    bigint      NOT NULL,
  platform     text        NOT NULL REFERENCES ecommerce.platform (code),
  name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  opened_on    date,
  closed_on    date,
  demo         boolean     NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL,
  CONSTRAINT shop_leader FOREIGN KEY (county_code, leader_id) REFERENCES ecommerce.leader (county_code, id),
  CONSTRAINT shop_name_unique UNIQUE (county_code, platform, name),
  CONSTRAINT shop_closed_after_opened CHECK (closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on),
  UNIQUE (county_code, id),
  UNIQUE (leader_id, id)
);
CREATE INDEX shop_by_leader ON ecommerce.shop (leader_id);

-- Local specialities sold online.
CREATE TABLE ecommerce.product (
  id             bigserial   PRIMARY KEY,
  county_code    char(6)     NOT NULL,
  etown_id       bigint,
  name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  category       text        NOT NULL CHECK (length(category) BETWEEN 1 AND 30),
  certification  text        NOT NULL DEFAULT 'none'
                 CHECK (certification IN ('none', 'geographical_indication', 'green_food', 'organic')),
  demo           boolean     NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  CONSTRAINT product_etown FOREIGN KEY (county_code, etown_id) REFERENCES ecommerce.etown (county_code, id),
  CONSTRAINT product_name_unique UNIQUE (county_code, name)
);

-- Monthly sales of one shop or one e-town (sales not attributable to a registered shop).
CREATE TABLE ecommerce.sales_report (
  id             bigserial     PRIMARY KEY,
  county_code    char(6)       NOT NULL,
  shop_id        bigint,
  etown_id       bigint,
  month          date          NOT NULL CHECK (extract(day FROM month) = 1),
  orders         integer       NOT NULL CHECK (orders >= 0),
  sales_value    numeric(14,2) NOT NULL CHECK (sales_value >= 0),
  products_sold  integer       NOT NULL CHECK (products_sold >= 0),
  late           boolean       NOT NULL DEFAULT false,                   -- reported after the due day
  corrections    integer       NOT NULL DEFAULT 0,
  demo           boolean       NOT NULL DEFAULT false,
  reported_at    timestamptz   NOT NULL,
  updated_at     timestamptz   NOT NULL,
  CONSTRAINT sales_report_one_subject CHECK ((shop_id IS NULL) <> (etown_id IS NULL)),
  CONSTRAINT sales_report_shop FOREIGN KEY (county_code, shop_id) REFERENCES ecommerce.shop (county_code, id),
  CONSTRAINT sales_report_etown FOREIGN KEY (county_code, etown_id) REFERENCES ecommerce.etown (county_code, id),
  CONSTRAINT sales_report_shop_month UNIQUE (shop_id, month),
  CONSTRAINT sales_report_etown_month UNIQUE (etown_id, month)
);
CREATE INDEX sales_report_by_county_month ON ecommerce.sales_report (county_code, month);

-- A shop whose report was still missing after the due day (written by the late-flagging job).
CREATE TABLE ecommerce.missing_report (
  shop_id      bigint      NOT NULL,
  month        date        NOT NULL,
  county_code  char(6)     NOT NULL,
  flagged_at   timestamptz NOT NULL,
  PRIMARY KEY (shop_id, month),
  CONSTRAINT missing_report_shop FOREIGN KEY (county_code, shop_id) REFERENCES ecommerce.shop (county_code, id)
);
CREATE INDEX missing_report_by_county ON ecommerce.missing_report (county_code, month);

-- 联农带农: a household (by its head's sealed ID number) linked to a leader, optionally through one shop.
CREATE TABLE ecommerce.linked_household (
  id             bigserial     PRIMARY KEY,
  county_code    char(6)       NOT NULL,
  leader_id      bigint        NOT NULL,
  shop_id        bigint,
  head_name      text          NOT NULL CHECK (length(head_name) BETWEEN 1 AND 30),
  person_cipher  text          NOT NULL,
  person_index   text          NOT NULL,
  person_masked  text          NOT NULL,
  village        text          CHECK (length(village) <= 40),
  link_type      text          NOT NULL CHECK (link_type IN ('purchase', 'employment', 'consignment')),
  linked_on      date          NOT NULL,
  income_gained  numeric(12,2) NOT NULL DEFAULT 0 CHECK (income_gained >= 0),
  demo           boolean       NOT NULL DEFAULT false,
  created_at     timestamptz   NOT NULL,
  updated_at     timestamptz   NOT NULL,
  CONSTRAINT linked_household_leader FOREIGN KEY (county_code, leader_id)
      REFERENCES ecommerce.leader (county_code, id),
  CONSTRAINT linked_household_shop FOREIGN KEY (leader_id, shop_id) REFERENCES ecommerce.shop (leader_id, id),
  CONSTRAINT linked_household_unique UNIQUE (leader_id, person_index, link_type)
);
CREATE INDEX linked_household_by_county ON ecommerce.linked_household (county_code, id);
CREATE INDEX linked_household_by_person ON ecommerce.linked_household (person_index);

-- Training sessions for leaders, and who attended.
CREATE TABLE ecommerce.training (
  id           bigserial    PRIMARY KEY,
  county_code  char(6)      NOT NULL,
  title        text         NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  held_on      date         NOT NULL,
  hours        numeric(5,1) NOT NULL CHECK (hours > 0 AND hours <= 500),
  organiser    text         CHECK (length(organiser) <= 100),
  demo         boolean      NOT NULL DEFAULT false,
  created_at   timestamptz  NOT NULL,
  UNIQUE (county_code, id)
);
CREATE INDEX training_by_county ON ecommerce.training (county_code, held_on);

CREATE TABLE ecommerce.attendance (
  training_id  bigint  NOT NULL,
  leader_id    bigint  NOT NULL,
  county_code  char(6) NOT NULL,
  PRIMARY KEY (training_id, leader_id),
  CONSTRAINT attendance_training FOREIGN KEY (county_code, training_id) REFERENCES ecommerce.training (county_code, id)
      ON DELETE CASCADE,
  CONSTRAINT attendance_leader FOREIGN KEY (county_code, leader_id) REFERENCES ecommerce.leader (county_code, id)
);
CREATE INDEX attendance_by_leader ON ecommerce.attendance (leader_id);

-- The acceptance criteria of e-towns: data the city edits, one row per measure.
CREATE TABLE ecommerce.acceptance_criterion (
  measure      text          PRIMARY KEY CHECK (measure IN ('annual_online_sales', 'leaders', 'trained_leaders',
                                                              'linked_households', 'household_income')),
  threshold    numeric(14,2) NOT NULL CHECK (threshold >= 0),
  active       boolean       NOT NULL DEFAULT true,
  note         text          CHECK (length(note) <= 200),
  updated_at   timestamptz   NOT NULL
);

-- How many leaders each county is to train in a year (set by the city).
CREATE TABLE ecommerce.training_target (
  county_code      char(6)     NOT NULL,
  year             integer     NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  leaders_trained  integer     NOT NULL CHECK (leaders_trained >= 0),
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (county_code, year)
);

-- The quarterly e-town ranking (city-wide), written by the job "etown-ranking".
CREATE TABLE ecommerce.etown_ranking (
  quarter            text          NOT NULL CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
  etown_id           bigint        NOT NULL REFERENCES ecommerce.etown (id),
  county_code        char(6)       NOT NULL,
  sales              numeric(16,2) NOT NULL,
  previous_sales     numeric(16,2) NOT NULL,
  growth             numeric(14,4),                                        -- null: no sales the quarter before
  linked_households  integer       NOT NULL,
  city_rank          integer       NOT NULL,
  county_rank        integer       NOT NULL,
  computed_at        timestamptz   NOT NULL,
  PRIMARY KEY (quarter, etown_id)
);
CREATE INDEX etown_ranking_by_county ON ecommerce.etown_ranking (county_code, quarter);
