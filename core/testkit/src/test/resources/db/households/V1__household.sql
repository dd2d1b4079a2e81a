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

-- Villages merged away (撤并村): a household can no longer be registered there. The register's SheetCheck refuses
-- import rows naming one, which the column declarations alone cannot know.
CREATE TABLE households.merged_village (
  county_code char(6) NOT NULL,
  name        text    NOT NULL,
  PRIMARY KEY (county_code, name)
);
INSERT INTO households.merged_village VALUES ('140721', '旧城村');
