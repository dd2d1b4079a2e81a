-- 供销系统农资保供 / Farm-supply guarantee. The schema (supply) is created by the host before this runs.
-- Rows of the city itself (the city cooperative, its agreement with the provincial group, city targets) carry the
-- city's code 140700 in county_code, so every row has a scope and unique keys need no NULL tricks; county routes
-- never see them because the core refuses 140700 as a county in URLs.

-- The fixed product list of the programme, shared by agreements, reserves, reports and quality cases.
CREATE TABLE supply.product (
  code     text PRIMARY KEY,
  name_zh  text NOT NULL UNIQUE,
  position int  NOT NULL
);
INSERT INTO supply.product (code, name_zh, position) VALUES
  ('urea', '尿素', 1), ('compound', '复合肥', 2), ('phosphate', '磷肥', 3), ('potash', '钾肥', 4),
  ('fertilizer', '化肥（未分品种）', 5), ('pesticide', '农药', 6), ('seed', '种子', 7), ('film', '农膜', 8),
  ('other', '其他', 9);

-- 供销社: the city cooperative (level city, county_code 140700) and one per county.
CREATE TABLE supply.cooperative (
  id          bigserial PRIMARY KEY,
  county_code char(6)   NOT NULL UNIQUE,
  level       text      NOT NULL CHECK (level IN ('city', 'county')),
  name        text      NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  contact     text,
  CHECK ((level = 'city') = (county_code = '140700'))
);

-- 农资经营企业 and the provincial agri-supplies group. seed_key marks seed rows so a renamed one is not re-added.
CREATE TABLE supply.enterprise (
  id           bigserial PRIMARY KEY,
  county_code  char(6)   NOT NULL,
  kind         text      NOT NULL CHECK (kind IN ('provincial_group', 'enterprise')),
  name         text      NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  credit_code  text      CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  address      text,
  seed_key     text      UNIQUE,
  demo         boolean   NOT NULL DEFAULT false,
  UNIQUE (county_code, name)
);

-- 乡镇惠农服务中心 and 村社销售网点.
CREATE TABLE supply.outlet (
  id          bigserial PRIMARY KEY,
  county_code char(6)   NOT NULL,
  kind        text      NOT NULL CHECK (kind IN ('service_centre', 'village_outlet')),
  name        text      NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  township    text      NOT NULL,
  village     text,
  demo        boolean   NOT NULL DEFAULT false,
  UNIQUE (county_code, name)
);

-- 保供协议: a cooperative (purchaser) and an enterprise (supplier) for one product, tonnage and period.
CREATE TABLE supply.agreement (
  id             bigserial     PRIMARY KEY,
  county_code    char(6)       NOT NULL,
  agreement_no   text          NOT NULL CHECK (length(agreement_no) BETWEEN 1 AND 50),
  cooperative_id bigint        NOT NULL REFERENCES supply.cooperative (id),
  enterprise_id  bigint        NOT NULL REFERENCES supply.enterprise (id),
  product        text          NOT NULL REFERENCES supply.product (code),
  tonnes         numeric(12,2) NOT NULL CHECK (tonnes > 0),
  starts_on      date          NOT NULL,
  ends_on        date          NOT NULL,
  seed_key       text          UNIQUE,
  demo           boolean       NOT NULL DEFAULT false,
  CHECK (ends_on >= starts_on),
  UNIQUE (county_code, agreement_no)
);
CREATE INDEX agreement_by_county_product ON supply.agreement (county_code, product);

-- 交货 against an agreement; exceeds_agreement flags the delivery that took the total past the agreed tonnes.
CREATE TABLE supply.delivery (
  id                bigserial     PRIMARY KEY,
  county_code       char(6)       NOT NULL,
  agreement_id      bigint        NOT NULL REFERENCES supply.agreement (id) ON DELETE CASCADE,
  reference         text          NOT NULL CHECK (length(reference) BETWEEN 1 AND 50),
  delivered_on      date          NOT NULL,
  tonnes            numeric(12,2) NOT NULL CHECK (tonnes > 0),
  exceeds_agreement boolean       NOT NULL DEFAULT false,
  note              text,
  demo              boolean       NOT NULL DEFAULT false,
  UNIQUE (agreement_id, reference)
);
CREATE INDEX delivery_by_agreement ON supply.delivery (agreement_id, delivered_on);
CREATE INDEX delivery_by_county ON supply.delivery (county_code, delivered_on);

-- Targets: the city total (county_code 140700) and its county split, editable by the city.
CREATE TABLE supply.target (
  kind        text          NOT NULL CHECK (kind IN ('agreement', 'reserve')),
  county_code char(6)       NOT NULL,
  tonnes      numeric(12,2) NOT NULL CHECK (tonnes >= 0),
  PRIMARY KEY (kind, county_code)
);

-- 冬储: stock snapshots by enterprise and product; joint_manufacturer marks 厂商联储.
CREATE TABLE supply.reserve_stock (
  id                 bigserial     PRIMARY KEY,
  county_code        char(6)       NOT NULL,
  enterprise_id      bigint        NOT NULL REFERENCES supply.enterprise (id),
  product            text          NOT NULL REFERENCES supply.product (code),
  recorded_on        date          NOT NULL,
  tonnes             numeric(12,2) NOT NULL CHECK (tonnes >= 0),
  joint_manufacturer boolean       NOT NULL DEFAULT false,
  manufacturer       text,
  demo               boolean       NOT NULL DEFAULT false,
  CHECK (joint_manufacturer OR manufacturer IS NULL),
  UNIQUE (enterprise_id, product, joint_manufacturer, recorded_on)
);
CREATE INDEX reserve_by_county ON supply.reserve_stock (county_code, enterprise_id, product, joint_manufacturer, recorded_on DESC);

-- 农资监测点. Seed points carry a seed_key so that a county's renaming survives restarts; counties deactivate
-- rather than delete.
CREATE TABLE supply.monitoring_point (
  id          bigserial PRIMARY KEY,
  county_code char(6)   NOT NULL,
  name        text      NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  township    text,
  address     text,
  active      boolean   NOT NULL DEFAULT true,
  seed_key    text      UNIQUE,
  UNIQUE (county_code, name)
);

-- One monthly report of a point (period = first day of the month reported on).
CREATE TABLE supply.point_report (
  id           bigserial   PRIMARY KEY,
  county_code  char(6)     NOT NULL,
  point_id     bigint      NOT NULL REFERENCES supply.monitoring_point (id),
  period       date        NOT NULL CHECK (extract(day FROM period) = 1),
  submitted_at timestamptz NOT NULL,
  late         boolean     NOT NULL,
  demo         boolean     NOT NULL DEFAULT false,
  UNIQUE (point_id, period)
);
CREATE INDEX point_report_by_county ON supply.point_report (county_code, period);

CREATE TABLE supply.report_line (
  report_id        bigint        NOT NULL REFERENCES supply.point_report (id) ON DELETE CASCADE,
  product          text          NOT NULL REFERENCES supply.product (code),
  retail_price     numeric(12,2) NOT NULL CHECK (retail_price > 0),
  cumulative_sales numeric(12,2) NOT NULL CHECK (cumulative_sales >= 0),
  stock            numeric(12,2) NOT NULL CHECK (stock >= 0),
  purchases        numeric(12,2) NOT NULL CHECK (purchases >= 0),
  PRIMARY KEY (report_id, product)
);
CREATE INDEX report_line_by_product ON supply.report_line (product);

-- Alerts the plugin raised (price anomalies, late reports, low reserves); the natural key makes raising idempotent.
CREATE TABLE supply.alert (
  id          bigserial   PRIMARY KEY,
  county_code char(6)     NOT NULL,
  kind        text        NOT NULL CHECK (kind IN ('price-rise', 'price-above-median', 'report-late', 'reserve-low')),
  subject     text        NOT NULL,
  period      date        NOT NULL,
  product     text        REFERENCES supply.product (code),
  point_id    bigint      REFERENCES supply.monitoring_point (id),
  value       numeric(14,4),
  reference   numeric(14,4),
  message     text        NOT NULL,
  raised_at   timestamptz NOT NULL,
  UNIQUE (county_code, kind, subject, period)
);
CREATE INDEX alert_by_county ON supply.alert (county_code, raised_at DESC);

-- 放心农资: inspections, counterfeit/substandard cases with follow-up, publicity events.
CREATE TABLE supply.inspection (
  id            bigserial PRIMARY KEY,
  county_code   char(6)   NOT NULL,
  inspected_on  date      NOT NULL,
  place_kind    text      NOT NULL CHECK (place_kind IN ('enterprise', 'service_centre', 'village_outlet', 'market')),
  place_name    text      NOT NULL CHECK (length(place_name) BETWEEN 1 AND 100),
  products      text[]    NOT NULL,
  samples       int       NOT NULL CHECK (samples >= 0),
  result        text      NOT NULL CHECK (result IN ('qualified', 'unqualified', 'pending')),
  note          text,
  demo          boolean   NOT NULL DEFAULT false
);
CREATE INDEX inspection_by_county ON supply.inspection (county_code, inspected_on DESC);

CREATE TABLE supply.quality_case (
  id            bigserial PRIMARY KEY,
  county_code   char(6)   NOT NULL,
  opened_on     date      NOT NULL,
  kind          text      NOT NULL CHECK (kind IN ('counterfeit', 'substandard')),
  product       text      NOT NULL REFERENCES supply.product (code),
  party         text      NOT NULL CHECK (length(party) BETWEEN 1 AND 100),
  description   text      NOT NULL,
  inspection_id bigint    REFERENCES supply.inspection (id),
  status        text      NOT NULL CHECK (status IN ('open', 'investigating', 'closed')),
  closed_on     date,
  demo          boolean   NOT NULL DEFAULT false,
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX quality_case_by_county ON supply.quality_case (county_code, status);

CREATE TABLE supply.case_followup (
  id        bigserial PRIMARY KEY,
  case_id   bigint    NOT NULL REFERENCES supply.quality_case (id) ON DELETE CASCADE,
  noted_on  date      NOT NULL,
  status    text      NOT NULL CHECK (status IN ('open', 'investigating', 'closed')),
  note      text      NOT NULL
);
CREATE INDEX case_followup_by_case ON supply.case_followup (case_id, id);

CREATE TABLE supply.publicity_event (
  id           bigserial PRIMARY KEY,
  county_code  char(6)   NOT NULL,
  held_on      date      NOT NULL,
  title        text      NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  place        text,
  participants int       NOT NULL CHECK (participants >= 0),
  materials    int       NOT NULL DEFAULT 0 CHECK (materials >= 0),
  demo         boolean   NOT NULL DEFAULT false
);
CREATE INDEX publicity_by_county ON supply.publicity_event (county_code, held_on DESC);

-- Services to farmers: 测土施肥, 统防统治, 技术培训, 代耕代种.
CREATE TABLE supply.farmer_service (
  id          bigserial     PRIMARY KEY,
  county_code char(6)       NOT NULL,
  kind        text          NOT NULL CHECK (kind IN ('soil_testing', 'pest_control', 'training', 'custom_ploughing')),
  served_on   date          NOT NULL,
  township    text,
  provider    text,
  times       int           NOT NULL CHECK (times > 0),
  area_mu     numeric(12,2) NOT NULL CHECK (area_mu >= 0),
  households  int           NOT NULL CHECK (households >= 0),
  demo        boolean       NOT NULL DEFAULT false
);
CREATE INDEX farmer_service_by_county ON supply.farmer_service (county_code, kind, served_on);

-- The weekly fulfilment summary job's record, one row per county and week.
CREATE TABLE supply.fulfilment_summary (
  county_code char(6)       NOT NULL,
  week_of     date          NOT NULL,
  agreed      numeric(14,2) NOT NULL,
  delivered   numeric(14,2) NOT NULL,
  target      numeric(14,2) NOT NULL,
  PRIMARY KEY (county_code, week_of)
);
