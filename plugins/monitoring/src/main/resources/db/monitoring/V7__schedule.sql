-- 序时进度 (issue #6): the quarter's plan of dynamic-monitoring tasks per county, set by the city. What is done is
-- never stored here: it is counted from the registers (warnings, procedures, measures, batches, meetings, insurance)
-- whenever the schedule is read, so the plan is the only thing anyone types.
CREATE TABLE monitoring.schedule_plan (
  county_code  char(6)       NOT NULL,
  year         integer       NOT NULL CHECK (year BETWEEN 2020 AND 2100),
  quarter      smallint      NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  task         varchar(30)   NOT NULL CHECK (task IN ('visits', 'warnings-settled', 'identifications', 'eliminations',
                             'measures', 'comparison-batches', 'joint-meeting', 'insurance-coverage')),
  planned      numeric(10,4) NOT NULL CHECK (planned >= 0),
  demo         boolean       NOT NULL DEFAULT false,
  updated_at   timestamptz   NOT NULL,
  updated_by   varchar(128)  NOT NULL,
  PRIMARY KEY (county_code, year, quarter, task),
  -- a coverage target is a rate, every other task a whole number of things done
  CHECK (CASE WHEN task = 'insurance-coverage' THEN planned <= 1 ELSE planned = trunc(planned) END)
);
-- the city view reads one quarter of every county
CREATE INDEX schedule_plan_quarter ON monitoring.schedule_plan (year, quarter);

-- The done figures count each register by county over the quarter's dates.
CREATE INDEX warning_visited ON monitoring.warning (county_code, visited_at) WHERE visited_at IS NOT NULL;
CREATE INDEX warning_settled ON monitoring.warning (county_code, settled_at) WHERE settled_at IS NOT NULL;
CREATE INDEX procedure_approved ON monitoring.procedure (county_code, finished_at) WHERE state = 'approved';
CREATE INDEX measure_started ON monitoring.measure (county_code, start_on);
CREATE INDEX household_monitored_since ON monitoring.household (county_code, monitored_since)
  WHERE monitored_since IS NOT NULL;
