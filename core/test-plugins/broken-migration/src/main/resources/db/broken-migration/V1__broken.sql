-- Deliberately invalid SQL: the host must mark the plugin failed at its migration step and serve on.
CREATE TABLE broken_migration.oops (
  id bigserial PRIMARY KEY,,
  name text
);
