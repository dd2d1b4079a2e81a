-- 防止返贫联席会议 (issue #6): the quarterly joint meeting of each county, and the city's own (county_code NULL),
-- with the decisions it takes, each with an owner and a due date.
CREATE TABLE monitoring.joint_meeting (
  id            bigserial     PRIMARY KEY,
  county_code   char(6),
  year          integer       NOT NULL CHECK (year BETWEEN 2020 AND 2100),
  quarter       smallint      NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  held_on       date          NOT NULL,
  title         varchar(100)  NOT NULL,
  departments   text[]        NOT NULL CHECK (cardinality(departments) >= 1),
  agenda        varchar(2000) NOT NULL,
  created_at    timestamptz   NOT NULL,
  created_by    varchar(128)  NOT NULL,
  CHECK (year = extract(year FROM held_on) AND quarter = extract(quarter FROM held_on))
);
-- one quarterly meeting per county (and one for the city) per quarter
CREATE UNIQUE INDEX joint_meeting_quarter ON monitoring.joint_meeting (coalesce(county_code, 'city'), year, quarter);

CREATE TABLE monitoring.meeting_decision (
  id            bigserial     PRIMARY KEY,
  meeting_id    bigint        NOT NULL REFERENCES monitoring.joint_meeting (id) ON DELETE CASCADE,
  county_code   char(6),
  content       varchar(500)  NOT NULL,
  owner         varchar(60)   NOT NULL,
  due_on        date          NOT NULL,
  status        varchar(6)    NOT NULL CHECK (status IN ('open', 'done')),
  done_on       date,
  done_note     varchar(500),
  CHECK ((status = 'done') = (done_on IS NOT NULL))
);
-- the overdue list and gauge: open decisions by due date
CREATE INDEX meeting_decision_open ON monitoring.meeting_decision (county_code, due_on) WHERE status = 'open';
CREATE INDEX meeting_decision_meeting ON monitoring.meeting_decision (meeting_id);
