-- Households for the spreadsheet import end-to-end tests. One household per ID-card number (its blind index).
CREATE TABLE households.household (
  id            bigserial PRIMARY KEY,
  county_code   char(6) NOT NULL,
  name          text    NOT NULL,
  id_cipher     text    NOT NULL,
  id_index      text    NOT NULL,
  id_masked     text    NOT NULL,
  village       text    NOT NULL,
  category      text    NOT NULL,
  income        numeric(12, 2),
  identified_on date,
  CONSTRAINT household_id_unique UNIQUE (id_index)
);
