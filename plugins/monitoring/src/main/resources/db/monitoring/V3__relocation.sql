-- 易地扶贫搬迁后续扶持 (issue #6): resettlement communities, follow-up support, the five-good assessment.
-- A community's households are the relocated households of its county naming it (household.resettlement_community,
-- kept as text since V1 so imports and older rows need no community row first).
CREATE TABLE monitoring.resettlement_community (
  id                  bigserial    PRIMARY KEY,
  county_code         char(6)      NOT NULL,
  name                varchar(60)  NOT NULL,
  township            varchar(50)  NOT NULL,
  planned_households  integer      CHECK (planned_households >= 0),
  created_at          timestamptz  NOT NULL,
  UNIQUE (county_code, name)
);
CREATE INDEX household_community ON monitoring.household (county_code, resettlement_community) WHERE relocated;

CREATE TABLE monitoring.relocation_support (
  id                bigserial    PRIMARY KEY,
  county_code       char(6)      NOT NULL,
  community_id      bigint       NOT NULL REFERENCES monitoring.resettlement_community (id) ON DELETE CASCADE,
  household_id      bigint       REFERENCES monitoring.household (id) ON DELETE CASCADE,
  kind              varchar(20)  NOT NULL CHECK (kind IN ('employment', 'industry', 'public-service', 'governance',
                                  'integration', 'other')),
  description       varchar(300) NOT NULL,
  responsible_unit  varchar(60)  NOT NULL,
  start_on          date         NOT NULL,
  status            varchar(12)  NOT NULL CHECK (status IN ('planned', 'in-progress', 'completed', 'stopped')),
  created_at        timestamptz  NOT NULL
);
CREATE INDEX relocation_support_county ON monitoring.relocation_support (county_code, community_id, id);

-- 五好社区: one assessment per community and year, five dimensions scored 0–100; passed when every one reaches the
-- pass score the plugin is configured with (recorded with the assessment, so a later change of the setting does not
-- rewrite history).
CREATE TABLE monitoring.five_good_assessment (
  id               bigserial     PRIMARY KEY,
  county_code      char(6)       NOT NULL,
  community_id     bigint        NOT NULL REFERENCES monitoring.resettlement_community (id) ON DELETE CASCADE,
  year             integer       NOT NULL CHECK (year BETWEEN 2020 AND 2100),
  party_building   smallint      NOT NULL CHECK (party_building BETWEEN 0 AND 100),
  employment       smallint      NOT NULL CHECK (employment BETWEEN 0 AND 100),
  services         smallint      NOT NULL CHECK (services BETWEEN 0 AND 100),
  governance       smallint      NOT NULL CHECK (governance BETWEEN 0 AND 100),
  civility         smallint      NOT NULL CHECK (civility BETWEEN 0 AND 100),
  pass_score       smallint      NOT NULL CHECK (pass_score BETWEEN 0 AND 100),
  passed           boolean       NOT NULL,
  note             varchar(500),
  assessed_at      timestamptz   NOT NULL,
  assessed_by      varchar(128)  NOT NULL,
  UNIQUE (community_id, year)
);
