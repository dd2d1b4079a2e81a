-- The notification tests' delivery channel. No unique key on purpose: a notification delivered twice shows as two rows.
CREATE TABLE pager.paged (
  id              bigserial PRIMARY KEY,
  notification_id bigint    NOT NULL,
  county          char(6)   NOT NULL,
  audience        text      NOT NULL,
  level           text      NOT NULL,
  title           text      NOT NULL
);
