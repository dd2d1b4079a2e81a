-- The core's own schema: counties, plugin enablement, the job ledger and demo-data bookkeeping.
-- Plugins never touch these tables directly; they read them through the SDK.

CREATE TABLE core.county (
  code      char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name_zh   text    NOT NULL,
  pinyin    text    NOT NULL,
  is_city   boolean NOT NULL DEFAULT false
);

-- GB/T 2260 codes of Jinzhong and its 11 county-level units.
INSERT INTO core.county (code, name_zh, pinyin, is_city) VALUES
  ('140700', '晋中市', 'Jinzhong', true),
  ('140702', '榆次区', 'Yuci', false),
  ('140703', '太谷区', 'Taigu', false),
  ('140721', '榆社县', 'Yushe', false),
  ('140722', '左权县', 'Zuoquan', false),
  ('140723', '和顺县', 'Heshun', false),
  ('140724', '昔阳县', 'Xiyang', false),
  ('140725', '寿阳县', 'Shouyang', false),
  ('140727', '祁县', 'Qixian', false),
  ('140728', '平遥县', 'Pingyao', false),
  ('140729', '灵石县', 'Lingshi', false),
  ('140781', '介休市', 'Jiexiu', false);

-- Which plugin each county enables. Rows are created from config/counties.yaml when missing and changed only by
-- the enablement API afterwards, so an operator's decision survives restarts.
CREATE TABLE core.county_plugin (
  county_code char(6)     NOT NULL REFERENCES core.county (code),
  plugin_id   text        NOT NULL,
  enabled     boolean     NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, plugin_id)
);

-- One row per job run. The unique key makes a tick run once however many server processes share the database:
-- the row is inserted in the run's own transaction, so a second process waits on it and then finds it taken.
-- county_code is '140700' for city-wide jobs.
CREATE TABLE core.job_run (
  id            bigserial   PRIMARY KEY,
  plugin_id     text        NOT NULL,
  job_name      text        NOT NULL,
  tick          timestamptz NOT NULL,
  county_code   char(6)     NOT NULL REFERENCES core.county (code),
  instance_id   text        NOT NULL,
  manual        boolean     NOT NULL DEFAULT false,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  outcome       text        NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed', 'timed_out')),
  error         text,
  UNIQUE (plugin_id, job_name, tick, county_code)
);
CREATE INDEX job_run_latest ON core.job_run (plugin_id, job_name, started_at DESC);

-- Demo data is applied once per database and plugin.
CREATE TABLE core.demo_data (
  plugin_id  text        PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);
