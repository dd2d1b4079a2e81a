-- People for the personal-data end-to-end tests. ID-card and phone numbers are stored only as the three parts of a
-- sealed value: cipher text (AES-GCM), blind index (HMAC) and masked form. The clear numbers are in no column.
CREATE TABLE people.person (
  id           bigserial PRIMARY KEY,
  county_code  char(6)   NOT NULL,
  name         text      NOT NULL,
  id_cipher    text      NOT NULL,
  id_index     text      NOT NULL,
  id_masked    text      NOT NULL,
  phone_cipher text,
  phone_index  text,
  phone_masked text,
  -- One person per ID-card number, across counties: duplicates are found through the blind index.
  CONSTRAINT person_id_number_unique UNIQUE (id_index)
);

CREATE INDEX person_phone_index ON people.person (phone_index);
