-- Durable events between plugins (transactional outbox).
--
-- core.event: one row per published event, inserted on the publisher's own connection so that it commits or rolls
-- back with the change that caused it. Ids come from a sequence: they order events by recording, but a lower id may
-- commit after a higher one, so consumers never track "the last id seen"; they look for events without a delivery
-- row of their own instead.
--
-- core.event_delivery: the per-consumer ledger, at most one row per (consumer, event) by its primary key. A
-- consumer is a subscribing plugin; the event id implies the type, so the key is (plugin, type, event). The row is
-- inserted as 'handled' at the start of the delivery transaction, before the handler runs on the same connection:
-- the consumer's writes and the mark commit together or not at all, and a second process that tries the same event
-- either skips it (advisory try-lock on (consumer, event)) or blocks on the uncommitted key and then finds it
-- handled. A failed attempt rolls everything back; the failure is then recorded in a row of its own ('retrying',
-- attempts, last error, next attempt time), and after the subscription's maximum attempts the row becomes 'failed'
-- and the event is set aside for that consumer only. A consumer that is absent has no rows and consumes nothing.

CREATE TABLE core.event (
  id          bigserial   PRIMARY KEY,
  type        text        NOT NULL CHECK (type ~ '^[a-z][a-z0-9-]{0,40}\.[a-z][a-z0-9.-]{0,80}$'),
  county      text        NOT NULL CHECK (char_length(county) BETWEEN 1 AND 32),
  payload     jsonb       NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  occurred_at timestamptz NOT NULL,
  publisher   text        NOT NULL CHECK (publisher ~ '^[a-z][a-z0-9-]{0,63}$')
);

-- A consumer's scan: events of its type, in id order.
CREATE INDEX event_type_id ON core.event (type, id);
-- Retention: the oldest first.
CREATE INDEX event_occurred_at ON core.event (occurred_at);

CREATE TABLE core.event_delivery (
  consumer        text        NOT NULL CHECK (consumer ~ '^[a-z][a-z0-9-]{0,63}$'),
  event_id        bigint      NOT NULL REFERENCES core.event (id) ON DELETE CASCADE,
  state           text        NOT NULL CHECK (state IN ('handled', 'retrying', 'failed')),
  attempts        integer     NOT NULL CHECK (attempts >= 1),
  last_attempt_at timestamptz NOT NULL,
  next_attempt_at timestamptz,
  last_error      text        CHECK (char_length(last_error) <= 2000),
  instance_id     text,
  PRIMARY KEY (consumer, event_id),
  CHECK (state <> 'retrying' OR next_attempt_at IS NOT NULL)
);

-- Operators' view of what is stuck: failed and retrying deliveries.
CREATE INDEX event_delivery_unsettled ON core.event_delivery (consumer, state) WHERE state <> 'handled';
