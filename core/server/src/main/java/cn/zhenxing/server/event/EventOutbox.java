package cn.zhenxing.server.event;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.county.CountyRegistry;
import cn.zhenxing.sdk.event.EventDelivery;
import cn.zhenxing.sdk.event.EventSubscription;
import cn.zhenxing.server.Futures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable events between plugins: the outbox ({@code core.event}) and its delivery to subscribers, exactly once per
 * consumer across every server process on the database (see {@code db/core/V4__events.sql} for why).
 *
 * <p>Dispatch: every {@value #POLL_MS} ms each consumer (plugin + type) of this process looks for events of its type
 * without a settled delivery row of its own and handles them one by one, each in its own transaction, in id order.
 * Polling alone (no LISTEN/NOTIFY): an event reaches its consumers within about {@value #POLL_MS} ms of its commit,
 * which is plenty for risk signals, and needs no dedicated connection per process.
 *
 * <p>Counties: a consumer receives only the events of counties that enable it (and city-wide events while any
 * county enables it), just as its routes and jobs only serve enabling counties. The other events are not marked:
 * they wait, and reach the consumer when their county enables it (within the {@link EventRetention} period). A city
 * administrator who switches monitoring on in a county thus sees that county's recent employment losses arrive.
 */
public final class EventOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(EventOutbox.class);
  static final long POLL_MS = 250;
  private static final long GAUGE_REFRESH_MS = 5_000;
  private static final int BATCH = 64;
  private static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  /** A whole value that is an ID-card number or a mainland mobile number: personal data in clear. */
  private static final Pattern CLEAR_PERSONAL_DATA = Pattern.compile("\\d{17}[\\dXx]|\\+?(86)?1[3-9]\\d{9}");

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final CountyRegistry counties;
  private final MeterRegistry registry;
  private final String instanceId;
  private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();
  private long pollTimer = -1;
  private long gaugeTimer = -1;

  public EventOutbox(Vertx vertx, Pool pool, Clock clock, CountyRegistry counties, MeterRegistry registry,
      String instanceId) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.counties = counties;
    this.registry = registry;
    this.instanceId = instanceId;
  }

  /** The events facility of one plugin's context. */
  public PluginEvents forPlugin(String pluginId) {
    return new PluginEvents(pluginId, this);
  }

  /** The core job that deletes old events. */
  public EventRetention retention() {
    return new EventRetention(clock);
  }

  // ---------------------------------------------------------------------------------------------------- publishing

  /**
   * Publishes one of the core's own event types ({@code core.<name>}, e.g. the notification port's
   * {@code core.notification-sent}) with the same guarantees as a plugin's events.
   */
  public Future<Long> publishAsCore(SqlConnection conn, String type, String countyCode, JsonObject payload) {
    return publish("core", conn, type, countyCode, payload);
  }

  Future<Long> publish(String publisher, SqlConnection conn, String type, String countyCode, JsonObject payload) {
    try {
      check(publisher, conn, type, countyCode, payload);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return conn.preparedQuery("INSERT INTO core.event (type, county, payload, occurred_at, publisher) "
            + "VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .execute(Tuple.of(type, countyCode, payload, utc(clock.instant()), publisher))
        .map(rows -> {
          // Counted when recorded: a publication whose transaction later rolls back is counted too.
          Counter.builder("zx_events_published").description("Events recorded by publishers (outbox inserts)")
              .tag("type", type).register(registry).increment();
          return rows.iterator().next().getLong("id");
        });
  }

  private void check(String publisher, SqlConnection conn, String type, String countyCode, JsonObject payload) {
    if (conn == null) {
      throw new IllegalArgumentException("publish needs the connection of the transaction that makes the change");
    }
    if (type == null || !EventSubscription.TYPE.matcher(type).matches() || !type.startsWith(publisher + ".")) {
      throw new IllegalArgumentException("plugin " + publisher + " may publish only its own event types ("
          + publisher + ".<name>, lower case): " + type);
    }
    if (countyCode == null || counties.byCode(countyCode).isEmpty()) {
      throw new IllegalArgumentException("unknown county for event " + type + ": " + countyCode);
    }
    if (payload == null) {
      throw new IllegalArgumentException("event " + type + " needs a payload (an empty object at least)");
    }
    if (payload.encode().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("payload of event " + type + " is larger than " + MAX_PAYLOAD_BYTES
          + " bytes: events carry references, not documents");
    }
    String field = clearPersonalData(payload, "");
    if (field != null) {
      throw new IllegalArgumentException("payload field " + field + " of event " + type + " looks like an ID-card or "
          + "phone number: events carry blind indexes, never personal data in clear");
    }
  }

  /** The path of the first string value that is an ID-card or phone number, or null. */
  private static String clearPersonalData(Object value, String path) {
    if (value instanceof String s) {
      return CLEAR_PERSONAL_DATA.matcher(s.replace(" ", "")).matches() ? (path.isEmpty() ? "(value)" : path) : null;
    }
    if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        String found = clearPersonalData(entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey());
        if (found != null) {
          return found;
        }
      }
    }
    if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        String found = clearPersonalData(array.getValue(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------------- consuming

  /** One subscription of one plugin in this process. */
  private final class Consumer {
    final String pluginId;
    final PluginEvents.Declared declared;
    final AtomicLong pending = new AtomicLong();
    final AtomicLong waiting = new AtomicLong();
    final AtomicBoolean sweeping = new AtomicBoolean();
    final List<Meter> meters = new ArrayList<>();
    volatile boolean stopped;
    volatile Future<Void> sweep = Future.succeededFuture();

    Consumer(String pluginId, PluginEvents.Declared declared) {
      this.pluginId = pluginId;
      this.declared = declared;
    }

    String key() {
      return pluginId + "/" + type();
    }

    String type() {
      return declared.subscription().type();
    }

    EventSubscription subscription() {
      return declared.subscription();
    }
  }

  /** Starts delivering a started plugin's subscriptions in this process. */
  public void start(String pluginId, List<PluginEvents.Declared> subscriptions) {
    for (PluginEvents.Declared declared : subscriptions) {
      Consumer consumer = new Consumer(pluginId, declared);
      consumer.meters.add(Gauge.builder("zx_events_pending", consumer.pending, AtomicLong::get)
          .description("Events of enabling counties this consumer has not settled yet (lag)")
          .tag("consumer", pluginId).tag("type", consumer.type()).register(registry));
      consumer.meters.add(Gauge.builder("zx_events_waiting", consumer.waiting, AtomicLong::get)
          .description("Events held back because their county does not enable the consumer")
          .tag("consumer", pluginId).tag("type", consumer.type()).register(registry));
      consumers.put(consumer.key(), consumer);
      refreshGauges(consumer);
      LOG.info("Plugin {} consumes events {}", pluginId, consumer.type());
    }
    if (!consumers.isEmpty() && pollTimer < 0) {
      pollTimer = vertx.setPeriodic(POLL_MS, id -> consumers.values().forEach(this::sweep));
      gaugeTimer = vertx.setPeriodic(GAUGE_REFRESH_MS, id -> consumers.values().forEach(this::refreshGauges));
    }
  }

  /** Stops a plugin's subscriptions in this process and waits for its deliveries in flight. */
  public Future<Void> remove(String pluginId) {
    List<Future<Void>> inFlight = new ArrayList<>();
    consumers.values().removeIf(c -> {
      if (!c.pluginId.equals(pluginId)) {
        return false;
      }
      c.stopped = true;
      c.meters.forEach(registry::remove);
      inFlight.add(c.sweep);
      return true;
    });
    if (consumers.isEmpty() && pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
      vertx.cancelTimer(gaugeTimer);
      pollTimer = -1;
      gaugeTimer = -1;
    }
    return Future.join(inFlight).<Void>mapEmpty().otherwiseEmpty();
  }

  /** The county codes whose events this consumer may receive now. */
  private String[] deliverable(Consumer c) {
    List<String> codes = new ArrayList<>(counties.enabling(c.pluginId).stream().map(County::code).toList());
    if (!codes.isEmpty()) {
      codes.add(County.CITY_CODE);
    }
    return codes.toArray(new String[0]);
  }

  private void sweep(Consumer c) {
    if (c.stopped || !c.sweeping.compareAndSet(false, true)) {
      return;
    }
    c.sweep = sweepBatch(c).onComplete(ar -> {
      c.sweeping.set(false);
      if (ar.failed()) {
        LOG.warn("Event consumer {} could not read its events: {}", c.key(), ar.cause().getMessage());
      }
    });
  }

  /** Handles one batch of candidates; goes on with the next batch while this one was full and made progress. */
  private Future<Void> sweepBatch(Consumer c) {
    String[] codes = deliverable(c);
    if (codes.length == 0 || c.stopped) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("SELECT e.id, e.type, e.county, e.payload, e.occurred_at, e.publisher "
            + "FROM core.event e WHERE e.type = $1 AND e.county = ANY($2) AND NOT EXISTS ("
            + "SELECT 1 FROM core.event_delivery d WHERE d.consumer = $3 AND d.event_id = e.id "
            + "AND (d.state <> 'retrying' OR d.next_attempt_at > $4)) ORDER BY e.id LIMIT " + BATCH)
        .execute(Tuple.of(c.type(), codes, c.pluginId, utc(clock.instant())))
        .compose(rows -> {
          List<Row> candidates = new ArrayList<>();
          rows.forEach(candidates::add);
          AtomicLong handled = new AtomicLong();
          Future<Void> chain = Future.succeededFuture();
          for (Row row : candidates) {
            chain = chain.compose(v -> c.stopped ? Future.succeededFuture()
                : deliver(c, row).map(outcome -> {
                  if (!"skipped".equals(outcome)) {
                    handled.incrementAndGet();
                  }
                  return null;
                }));
          }
          return chain.compose(v -> candidates.size() == BATCH && handled.get() > 0 && !c.stopped
              ? sweepBatch(c) : Future.succeededFuture());
        });
  }

  /** Delivers one event to one consumer. Answers handled, retrying, failed or skipped. */
  private Future<String> deliver(Consumer c, Row event) {
    long eventId = event.getLong("id");
    EventSubscription subscription = c.subscription();
    AtomicBoolean attempted = new AtomicBoolean();
    Future<String> outcome = pool.withTransaction(conn -> conn
            // Another process working on this (consumer, event) holds the lock: skip rather than wait for it.
            .preparedQuery("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS got")
            .execute(Tuple.of("zx-event/" + c.pluginId + "/" + eventId))
            .compose(lock -> !lock.iterator().next().getBoolean("got") ? Future.succeededFuture((Integer) null)
                : conn.query("SET LOCAL statement_timeout = " + subscription.timeout().toMillis()).execute()
                    .compose(v -> claim(conn, c, eventId)))
            .compose(attempt -> {
              if (attempt == null) {
                return Future.succeededFuture("skipped");
              }
              attempted.set(true);
              EventDelivery delivery = delivery(event, attempt, conn);
              return Futures.within(vertx, subscription.timeout(), "event " + eventId + " for " + c.key(),
                      Futures.attempt(() -> c.declared.handler().handle(delivery)))
                  .map("handled");
            }))
        .recover(failure -> attempted.get() ? recordFailure(c, eventId, failure)
            : Future.failedFuture(failure));
    return outcome.onSuccess(result -> {
      if (!"skipped".equals(result)) {
        Counter.builder("zx_events_handled").description("Event deliveries by consumer and outcome")
            .tag("consumer", c.pluginId).tag("type", c.type()).tag("outcome", result).register(registry)
            .increment();
      }
    }).otherwise(e -> {
      LOG.warn("Event {} for {} could not be delivered: {}", eventId, c.key(), e.getMessage());
      return "skipped";
    });
  }

  /**
   * Inserts (or, after failed attempts, takes over) this consumer's ledger row for the event as handled, in the
   * delivery transaction. Answers the attempt number, or null when the event is settled (or not yet due) for it.
   */
  private Future<Integer> claim(SqlConnection conn, Consumer c, long eventId) {
    OffsetDateTime now = utc(clock.instant());
    return conn.preparedQuery("INSERT INTO core.event_delivery AS d (consumer, event_id, state, attempts, "
            + "last_attempt_at, instance_id) VALUES ($1, $2, 'handled', 1, $3, $4) "
            + "ON CONFLICT (consumer, event_id) DO UPDATE SET state = 'handled', attempts = d.attempts + 1, "
            + "last_attempt_at = EXCLUDED.last_attempt_at, next_attempt_at = NULL, instance_id = EXCLUDED.instance_id "
            + "WHERE d.state = 'retrying' AND d.next_attempt_at <= EXCLUDED.last_attempt_at RETURNING attempts")
        .execute(Tuple.of(c.pluginId, eventId, now, instanceId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger("attempts"));
  }

  /**
   * After a failed attempt has rolled back: records it, with the error and the time of the next attempt, or marks
   * the event failed for this consumer after its last attempt. Does nothing if another process has settled it.
   */
  private Future<String> recordFailure(Consumer c, long eventId, Throwable failure) {
    EventSubscription subscription = c.subscription();
    String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
    Instant now = clock.instant();
    LOG.warn("Consumer {} failed on event {}: {}", c.key(), eventId, message);
    return pool.preparedQuery("INSERT INTO core.event_delivery AS d (consumer, event_id, state, attempts, "
            + "last_attempt_at, next_attempt_at, last_error, instance_id) "
            + "VALUES ($1, $2, CASE WHEN $3 <= 1 THEN 'failed' ELSE 'retrying' END, 1, $4, $5, $6, $7) "
            + "ON CONFLICT (consumer, event_id) DO UPDATE SET attempts = d.attempts + 1, "
            + "state = CASE WHEN d.attempts + 1 >= $3 THEN 'failed' ELSE 'retrying' END, "
            + "last_attempt_at = EXCLUDED.last_attempt_at, "
            + "next_attempt_at = EXCLUDED.last_attempt_at + least($9::float8, $8::float8 * power(2, least(d.attempts, "
            + "40))) * interval '1 millisecond', last_error = EXCLUDED.last_error, instance_id = EXCLUDED.instance_id "
            + "WHERE d.state = 'retrying' RETURNING state")
        .execute(Tuple.from(List.of(c.pluginId, eventId, subscription.maxAttempts(), utc(now),
            utc(now.plus(subscription.retryAfter(1))), truncate(message), instanceId,
            subscription.firstRetry().toMillis(), subscription.maxRetry().toMillis())))
        .map(rows -> {
          String state = rows.size() == 0 ? "skipped" : rows.iterator().next().getString("state");
          if ("failed".equals(state)) {
            LOG.error("Consumer {} gave up on event {} after {} attempts: {}", c.key(), eventId,
                subscription.maxAttempts(), message);
          }
          return state;
        });
  }

  private EventDelivery delivery(Row event, int attempt, SqlConnection conn) {
    long id = event.getLong("id");
    String type = event.getString("type");
    String county = event.getString("county");
    Object raw = event.getValue("payload");
    JsonObject payload = raw instanceof JsonObject json ? json : new JsonObject(String.valueOf(raw));
    Instant occurredAt = event.getOffsetDateTime("occurred_at").toInstant();
    String publisher = event.getString("publisher");
    return new EventDelivery() {
      @Override
      public long id() {
        return id;
      }

      @Override
      public String type() {
        return type;
      }

      @Override
      public String county() {
        return county;
      }

      @Override
      public JsonObject payload() {
        return payload.copy();
      }

      @Override
      public Instant occurredAt() {
        return occurredAt;
      }

      @Override
      public String publisher() {
        return publisher;
      }

      @Override
      public int attempt() {
        return attempt;
      }

      @Override
      public SqlConnection connection() {
        return conn;
      }

      @Override
      public String toString() {
        return "event " + id + " " + type + " (" + county + "), attempt " + attempt;
      }
    };
  }

  private void refreshGauges(Consumer c) {
    if (c.stopped) {
      return;
    }
    pool.preparedQuery("SELECT count(*) FILTER (WHERE e.county = ANY($2)) AS pending, "
            + "count(*) FILTER (WHERE NOT (e.county = ANY($2))) AS waiting FROM core.event e "
            + "WHERE e.type = $1 AND NOT EXISTS (SELECT 1 FROM core.event_delivery d WHERE d.consumer = $3 "
            + "AND d.event_id = e.id AND d.state <> 'retrying')")
        .execute(Tuple.of(c.type(), deliverable(c), c.pluginId))
        .onSuccess(rows -> {
          Row r = rows.iterator().next();
          c.pending.set(r.getLong("pending"));
          c.waiting.set(r.getLong("waiting"));
        })
        .onFailure(e -> LOG.debug("Could not count pending events of {}: {}", c.key(), e.getMessage()));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 2000);
  }
}
