-- The event tests' publisher: one row per parcel, written in the same transaction as its event.
CREATE TABLE courier.parcel (
  id          bigserial PRIMARY KEY,
  ref         text      NOT NULL,
  county_code char(6)   NOT NULL
);
