-- A tiny county-scoped table for the core's end-to-end tests: allotment plots, unique by name within a county.
CREATE TABLE garden.plot (
  id          bigserial PRIMARY KEY,
  county_code char(6)   NOT NULL,
  name        text      NOT NULL,
  CONSTRAINT plot_name_unique UNIQUE (county_code, name)
);

-- One row per run of the manually triggered "water" job.
CREATE TABLE garden.watering (
  id          bigserial   PRIMARY KEY,
  county_code char(6)     NOT NULL,
  tick        timestamptz NOT NULL
);
