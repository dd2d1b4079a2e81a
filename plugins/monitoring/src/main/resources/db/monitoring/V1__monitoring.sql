-- 防止返贫动态监测和帮扶: households and members, their history, risk signals, rules, warnings, the identification
-- and elimination procedures, assistance measures and quarterly reports. Every county row carries county_code, and
-- every lookup by id also filters by it so another county's row stays invisible.

-- 户: one household of the register. category is what the household is (脱贫户 or 一般农户, the medical rule differs);
-- monitoring_type is set by the county decision of an identification. risk_state drives the case:
-- normal → warned (open warning) → identifying → monitored → eliminated (the record stays).
CREATE TABLE monitoring.household (
  id                     bigserial     PRIMARY KEY,
  county_code            char(6)       NOT NULL,
  township               varchar(50)   NOT NULL,
  village                varchar(50)   NOT NULL,
  household_no           varchar(30)   NOT NULL,
  head_name              varchar(30)   NOT NULL,
  category               varchar(10)   NOT NULL CHECK (category IN ('脱贫户', '一般农户')),
  monitoring_type        varchar(10)   CHECK (monitoring_type IN ('脱贫不稳定户', '边缘易致贫户', '突发严重困难户')),
  risk_state             varchar(12)   NOT NULL DEFAULT 'normal'
                         CHECK (risk_state IN ('normal', 'warned', 'identifying', 'monitored', 'eliminated')),
  relocated              boolean       NOT NULL DEFAULT false,
  resettlement_community varchar(60),
  income_per_capita      numeric(12,2) CHECK (income_per_capita >= 0),
  income_from            date,
  income_to              date,
  monitored_since        date,
  eliminated_on          date,
  demo                   boolean       NOT NULL DEFAULT false,
  created_at             timestamptz   NOT NULL,
  updated_at             timestamptz   NOT NULL,
  UNIQUE (county_code, household_no),
  -- The income covers twelve months: from the first day of a month to the last day of the twelfth.
  CHECK ((income_from IS NULL) = (income_to IS NULL)),
  CHECK (income_to IS NULL OR income_to = (income_from + interval '12 months - 1 day')::date),
  CHECK (NOT relocated OR resettlement_community IS NOT NULL),
  CHECK (risk_state NOT IN ('monitored', 'eliminated') OR (monitoring_type IS NOT NULL AND monitored_since IS NOT NULL)),
  CHECK (risk_state <> 'eliminated' OR eliminated_on IS NOT NULL)
);
CREATE INDEX household_area ON monitoring.household (county_code, township, village, id);
CREATE INDEX household_state ON monitoring.household (county_code, risk_state, id);
CREATE INDEX household_type ON monitoring.household (county_code, monitoring_type) WHERE monitoring_type IS NOT NULL;
CREATE INDEX household_head ON monitoring.household (county_code, head_name);

-- 家庭成员. The ID-card number is sealed: cipher, blind index (unique: one person is in one household), masked.
CREATE TABLE monitoring.member (
  id            bigserial    PRIMARY KEY,
  household_id  bigint       NOT NULL REFERENCES monitoring.household (id) ON DELETE CASCADE,
  county_code   char(6)      NOT NULL,
  name          varchar(30)  NOT NULL,
  id_cipher     text         NOT NULL,
  id_index      text         NOT NULL,
  id_masked     varchar(20)  NOT NULL,
  relation      varchar(10)  NOT NULL CHECK (relation IN ('户主', '配偶', '子女', '父母', '孙子女', '兄弟姐妹', '其他')),
  birth_date    date         NOT NULL,
  labour        varchar(10)  NOT NULL CHECK (labour IN ('普通劳动力', '弱劳动力', '丧失劳动力', '无劳动力')),
  health        varchar(10)  NOT NULL CHECK (health IN ('健康', '长期慢性病', '患有大病', '残疾')),
  schooling     varchar(10)  NOT NULL CHECK (schooling IN ('学龄前', '在校生', '非在校生', '辍学')),
  main_earner   boolean      NOT NULL DEFAULT false,
  demo          boolean      NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX member_id_index ON monitoring.member (id_index);
CREATE INDEX member_household ON monitoring.member (household_id);
CREATE INDEX member_name ON monitoring.member (county_code, name);
CREATE UNIQUE INDEX member_one_head ON monitoring.member (household_id) WHERE relation = '户主';

-- Every change to a household, written in the transaction of the change: who, when, what.
CREATE TABLE monitoring.household_history (
  id            bigserial    PRIMARY KEY,
  household_id  bigint       NOT NULL REFERENCES monitoring.household (id) ON DELETE CASCADE,
  county_code   char(6)      NOT NULL,
  at            timestamptz  NOT NULL,
  actor         varchar(128) NOT NULL,
  action        varchar(40)  NOT NULL,
  detail        jsonb        NOT NULL DEFAULT '{}'
);
CREATE INDEX household_history_timeline ON monitoring.household_history (household_id, id);

-- Income assessments: the basis of "income stably above the threshold for six months" at elimination.
CREATE TABLE monitoring.income_assessment (
  id                bigserial     PRIMARY KEY,
  household_id      bigint        NOT NULL REFERENCES monitoring.household (id) ON DELETE CASCADE,
  county_code       char(6)       NOT NULL,
  assessed_on       date          NOT NULL,
  income_per_capita numeric(12,2) NOT NULL CHECK (income_per_capita >= 0),
  income_from       date          NOT NULL,
  income_to         date          NOT NULL
);
CREATE INDEX income_assessment_household ON monitoring.income_assessment (household_id, assessed_on);

-- 风险信号 from the six nets. A signal names a household, or a person by blind index; one that matches nobody is
-- kept unmatched (household_id NULL) for the county to look into. source_ref ties it to what it came from (an
-- event id, a department's batch), so department comparisons can be added without changing this table.
CREATE TABLE monitoring.signal (
  id             bigserial     PRIMARY KEY,
  county_code    char(6)       NOT NULL,
  household_id   bigint        REFERENCES monitoring.household (id) ON DELETE CASCADE,
  member_id      bigint        REFERENCES monitoring.member (id) ON DELETE SET NULL,
  person_index   text,
  channel        varchar(20)   NOT NULL CHECK (channel IN ('自主申报', '干部走访', '部门筛查', '12317热线', '网格社会', '信息比对')),
  department     varchar(20)   CHECK (department IN ('医保', '民政', '教育', '人社', '住建', '应急管理', '残联', '其他')),
  risk_kind      varchar(20)   NOT NULL CHECK (risk_kind IN ('illness', 'schooling', 'disaster', 'accident',
                               'unemployment', 'income-drop', 'housing', 'drinking-water', 'other')),
  amount         numeric(14,2) CHECK (amount >= 0),
  description    varchar(500),
  source         varchar(100)  NOT NULL,
  source_ref     varchar(100),
  occurred_on    date          NOT NULL,
  received_at    timestamptz   NOT NULL,
  outcome        varchar(20)   NOT NULL CHECK (outcome IN ('warned', 'below-threshold', 'unmatched', 'already-warned')),
  CHECK (channel <> '部门筛查' OR department IS NOT NULL),
  CHECK (household_id IS NOT NULL OR person_index IS NOT NULL),
  UNIQUE (source, source_ref)
);
CREATE INDEX signal_county ON monitoring.signal (county_code, id);
CREATE INDEX signal_household ON monitoring.signal (household_id, occurred_on);
CREATE INDEX signal_person ON monitoring.signal (person_index) WHERE person_index IS NOT NULL;

-- The rule set as data, per province and year. Levels: 1 关注, 2 预警, 3 紧急.
CREATE TABLE monitoring.rule_set (
  province                     char(6)       NOT NULL,
  year                         integer       NOT NULL CHECK (year BETWEEN 2020 AND 2100),
  income_threshold             numeric(12,2) NOT NULL CHECK (income_threshold > 0),
  income_level                 smallint      NOT NULL CHECK (income_level BETWEEN 1 AND 3),
  medical_threshold_alleviated numeric(12,2) NOT NULL CHECK (medical_threshold_alleviated > 0),
  medical_threshold_other      numeric(12,2) NOT NULL CHECK (medical_threshold_other > 0),
  medical_level                smallint      NOT NULL CHECK (medical_level BETWEEN 1 AND 3),
  schooling_threshold          numeric(12,2) NOT NULL CHECK (schooling_threshold > 0),
  schooling_level              smallint      NOT NULL CHECK (schooling_level BETWEEN 1 AND 3),
  disaster_loss_threshold      numeric(12,2) NOT NULL CHECK (disaster_loss_threshold > 0),
  disaster_level               smallint      NOT NULL CHECK (disaster_level BETWEEN 1 AND 3),
  unemployment_level           smallint      NOT NULL CHECK (unemployment_level BETWEEN 1 AND 3),
  other_level                  smallint      NOT NULL CHECK (other_level BETWEEN 1 AND 3),
  updated_at                   timestamptz   NOT NULL,
  updated_by                   varchar(128)  NOT NULL,
  PRIMARY KEY (province, year)
);

-- 预警: one open warning per household and rule at a time (the nightly evaluation relies on it to stay idempotent).
-- SLA: visit_due and settle_due in working days; stage counts escalations (1: visit overdue, 2: settlement overdue).
CREATE TABLE monitoring.warning (
  id            bigserial    PRIMARY KEY,
  county_code   char(6)      NOT NULL,
  household_id  bigint       NOT NULL REFERENCES monitoring.household (id) ON DELETE CASCADE,
  signal_id     bigint       REFERENCES monitoring.signal (id) ON DELETE SET NULL,
  rule          varchar(20)  NOT NULL CHECK (rule IN ('income', 'medical', 'schooling', 'disaster', 'unemployment',
                             'other')),
  level         smallint     NOT NULL CHECK (level BETWEEN 1 AND 3),
  state         varchar(10)  NOT NULL CHECK (state IN ('open', 'visited', 'settled')),
  detail        varchar(300) NOT NULL,
  raised_on     date         NOT NULL,
  raised_at     timestamptz  NOT NULL,
  visit_due     date         NOT NULL,
  settle_due    date         NOT NULL,
  visited_at    timestamptz,
  visited_by    varchar(128),
  visit_note    varchar(500),
  settled_at    timestamptz,
  settled_by    varchar(128),
  settlement    varchar(20)  CHECK (settlement IN ('identify', 'no-risk', 'already-monitored')),
  escalations   smallint     NOT NULL DEFAULT 0 CHECK (escalations BETWEEN 0 AND 2),
  CHECK (visit_due <= settle_due),
  CHECK ((state = 'settled') = (settled_at IS NOT NULL)),
  CHECK (state = 'open' OR visited_at IS NOT NULL)
);
CREATE UNIQUE INDEX warning_one_open ON monitoring.warning (household_id, rule) WHERE state <> 'settled';
CREATE INDEX warning_county_state ON monitoring.warning (county_code, state, id);
CREATE INDEX warning_due ON monitoring.warning (county_code, settle_due) WHERE state <> 'settled';

-- 识别认定 and 风险消除: the same procedure shape, with its steps in procedure_step. due_on: 15 days after the first
-- signal for an identification.
CREATE TABLE monitoring.procedure (
  id              bigserial    PRIMARY KEY,
  county_code     char(6)      NOT NULL,
  household_id    bigint       NOT NULL REFERENCES monitoring.household (id) ON DELETE CASCADE,
  kind            varchar(14)  NOT NULL CHECK (kind IN ('identification', 'elimination')),
  state           varchar(12)  NOT NULL CHECK (state IN ('in-progress', 'approved', 'rejected')),
  next_step       varchar(20)  CHECK (next_step IN ('household-check', 'village-assessment', 'public-notice',
                               'township-review', 'county-decision')),
  first_signal_on date         NOT NULL,
  due_on          date         NOT NULL,
  started_at      timestamptz  NOT NULL,
  started_by      varchar(128) NOT NULL,
  finished_at     timestamptz,
  monitoring_type varchar(10)  CHECK (monitoring_type IN ('脱贫不稳定户', '边缘易致贫户', '突发严重困难户')),
  -- set once by the SLA check when the procedure passes due_on unfinished (escalated to the county and the city)
  escalated       boolean      NOT NULL DEFAULT false,
  CHECK ((state = 'in-progress') = (next_step IS NOT NULL))
);
CREATE UNIQUE INDEX procedure_one_running ON monitoring.procedure (household_id) WHERE state = 'in-progress';
CREATE INDEX procedure_county ON monitoring.procedure (county_code, state, id);

CREATE TABLE monitoring.procedure_step (
  id            bigserial    PRIMARY KEY,
  procedure_id  bigint       NOT NULL REFERENCES monitoring.procedure (id) ON DELETE CASCADE,
  county_code   char(6)      NOT NULL,
  step          varchar(20)  NOT NULL CHECK (step IN ('household-check', 'village-assessment', 'public-notice',
                             'township-review', 'county-decision')),
  outcome       varchar(10)  NOT NULL CHECK (outcome IN ('passed', 'rejected')),
  note          varchar(500),
  notice_from   date,
  notice_to     date,
  notice_text   varchar(1000),
  at            timestamptz  NOT NULL,
  actor         varchar(128) NOT NULL,
  UNIQUE (procedure_id, step),
  CHECK (step <> 'public-notice' OR outcome = 'rejected' OR notice_to >= notice_from + 5)
);

-- 帮扶措施 from the catalogue.
CREATE TABLE monitoring.measure (
  id                bigserial     PRIMARY KEY,
  county_code       char(6)       NOT NULL,
  household_id      bigint        NOT NULL REFERENCES monitoring.household (id) ON DELETE CASCADE,
  kind              varchar(20)   NOT NULL CHECK (kind IN ('industry', 'employment', 'medical', 'education', 'housing',
                                  'social-security', 'insurance-claim', 'public-welfare-job', 'small-credit',
                                  'yulu-plan', 'other')),
  responsible_unit  varchar(60)   NOT NULL,
  start_on          date          NOT NULL,
  status            varchar(12)   NOT NULL CHECK (status IN ('planned', 'in-progress', 'completed', 'stopped')),
  amount            numeric(14,2) CHECK (amount >= 0),
  note              varchar(500),
  demo              boolean       NOT NULL DEFAULT false,
  created_at        timestamptz   NOT NULL
);
CREATE INDEX measure_household ON monitoring.measure (household_id);
CREATE INDEX measure_county_kind ON monitoring.measure (county_code, kind);

-- 季度序时进度: one stored report per county and quarter.
CREATE TABLE monitoring.quarterly_report (
  county_code  char(6)      NOT NULL,
  year         integer      NOT NULL,
  quarter      smallint     NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  generated_at timestamptz  NOT NULL,
  content      jsonb        NOT NULL,
  PRIMARY KEY (county_code, year, quarter)
);
