-- Notifications (SDK notify port): messages from plugins to the people responsible for a county or the city, kept
-- as their in-app inbox. Delivery channels (SMS, webhook) subscribe to the core event core.notification-sent.

CREATE TABLE core.notification (
  id         bigserial   PRIMARY KEY,
  plugin     text        NOT NULL CHECK (plugin ~ '^[a-z][a-z0-9-]{0,63}$'),
  -- NULL: for the city's accounts only.
  county     char(6)     REFERENCES core.county (code),
  kind       text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9.-]{0,63}$'),
  level      text        NOT NULL CHECK (level IN ('info', 'warning', 'urgent')),
  title      text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body       text        NOT NULL CHECK (length(body) <= 2000),
  link       text        CHECK (length(link) <= 500),
  township   text        CHECK (length(township) <= 100),
  village    text        CHECK (length(village) <= 100),
  created_at timestamptz NOT NULL
);
-- The inbox query: newest first within the counties an account covers.
CREATE INDEX notification_county ON core.notification (county, id DESC);
CREATE INDEX notification_created ON core.notification (created_at);

-- Who has read what. A notification goes to many accounts; one row per account that opened it.
CREATE TABLE core.notification_read (
  notification_id bigint      NOT NULL REFERENCES core.notification (id) ON DELETE CASCADE,
  account_id      bigint      NOT NULL REFERENCES core.account (id) ON DELETE CASCADE,
  read_at         timestamptz NOT NULL,
  PRIMARY KEY (account_id, notification_id)
);
