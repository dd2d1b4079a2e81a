-- The audit tests' plugin: relief payments to households, per county.
CREATE TABLE relief.payment (
  id          bigserial PRIMARY KEY,
  county_code char(6)   NOT NULL,
  household   text      NOT NULL,
  amount      integer   NOT NULL CHECK (amount > 0)
);
