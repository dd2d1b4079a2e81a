-- The notification tests' sender: one row per ring, written in the same transaction as its notification.
CREATE TABLE bell.ring (
  id          bigserial PRIMARY KEY,
  county_code char(6)   NOT NULL,
  title       text      NOT NULL
);
