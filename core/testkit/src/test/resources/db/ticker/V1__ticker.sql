-- Rows written by the ticker fixture's jobs. Deliberately no unique keys: a tick that ran twice must show up here
-- as two rows, so the tests can see it.
CREATE TABLE ticker.beat (
  id          bigserial   PRIMARY KEY,
  tick        timestamptz NOT NULL,
  county_code char(6)     NOT NULL,
  instance    text        NOT NULL,
  manual      boolean     NOT NULL
);

CREATE TABLE ticker.slow_write (
  id          bigserial   PRIMARY KEY,
  tick        timestamptz NOT NULL,
  county_code char(6)     NOT NULL
);

CREATE TABLE ticker.report (
  id          bigserial   PRIMARY KEY,
  tick        timestamptz NOT NULL,
  county_code char(6)     NOT NULL,
  manual      boolean     NOT NULL
);
