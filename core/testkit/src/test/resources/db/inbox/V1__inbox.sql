-- The event tests' consumer. Deliberately no unique key: an event handled twice must show up as two rows.
CREATE TABLE inbox.received (
  id        bigserial PRIMARY KEY,
  event_id  bigint    NOT NULL,
  ref       text      NOT NULL,
  county    char(6)   NOT NULL,
  attempt   integer   NOT NULL,
  instance  text      NOT NULL
);
