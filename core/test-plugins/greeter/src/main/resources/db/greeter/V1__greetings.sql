-- The greeter test plugin's tables. The schema (greeter) is created by the host before this runs.

CREATE TABLE greeter.greeting (
  id          bigserial   PRIMARY KEY,
  county      char(6),                 -- null for the city-wide welcome of the seed data
  text        text        NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX greeting_by_county ON greeter.greeting (county, id);

-- One row per run of the job "tally".
CREATE TABLE greeter.tally (
  tick    timestamptz NOT NULL,
  county  char(6)
);
