package cn.zhenxing.server.personal;

import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.sdk.security.Principal;
import cn.zhenxing.server.audit.AuditRecord;
import cn.zhenxing.server.audit.AuditWriter;
import cn.zhenxing.server.personal.PhoneNumbers.Phone;
import cn.zhenxing.server.personal.Sealer.Kind;
import cn.zhenxing.server.personal.Sealer.Opened;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's personal-data facility: validation (GB 11643 ID-card numbers, mainland phone numbers), AES-256-GCM
 * encryption at rest, HMAC-SHA256 blind indexes, masking, and audited reveal. One instance serves every plugin.
 *
 * <p>The keys are loaded when the service is constructed (see {@link DataKeys#load}): a one-time read of a small
 * file, or its creation at the first start, during server start-up before the HTTP port opens. Doing it here rather
 * than lazily makes a bad {@code ZX_DATA_KEY} or an unreadable key file stop the start with a clear message instead
 * of failing the first request that touches personal data.
 *
 * <p>Sealing, indexing and revealing are pure CPU work of a few microseconds and run on the calling (event-loop)
 * thread. Nothing here logs a clear value, a cipher text or key material.
 */
public final class PersonalDataService implements PersonalData {

  private static final Logger LOG = LoggerFactory.getLogger(PersonalDataService.class);

  /** The audit action of a reveal. */
  public static final String REVEAL = "reveal";
  /** The longest reason kept in the audit log. */
  static final int MAX_REASON_LENGTH = 500;
  static final String REASON_REQUIRED = "查看完整信息须填写理由 / a reason is required to reveal the full value";
  static final String REASON_TOO_LONG = "理由不能超过" + MAX_REASON_LENGTH + "个字符 / the reason must not be longer than "
      + MAX_REASON_LENGTH + " characters";

  private final Sealer sealer;
  private final AuditWriter audit;
  private final Clock clock;

  public PersonalDataService(Path dataDir, String configuredKey, AuditWriter audit, Clock clock) {
    this(DataKeys.load(dataDir, configuredKey), audit, clock);
  }

  public PersonalDataService(DataKeys keys, AuditWriter audit, Clock clock) {
    this.sealer = new Sealer(keys);
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The id of the key new values are sealed under (eight hex digits; a fingerprint, not the key). */
  public String keyId() {
    return sealer.keyId();
  }

  @Override
  public Sealed sealIdCard(String field, String value) {
    String id = IdCardNumbers.normalise(field, value, LocalDate.now(clock));
    return new Sealed(sealer.seal(Kind.ID_CARD, id), sealer.index(Kind.ID_CARD, id), PersonalData.maskIdCard(id));
  }

  @Override
  public Sealed sealPhone(String field, String value) {
    Phone phone = PhoneNumbers.normalise(field, value);
    return new Sealed(sealer.seal(Kind.PHONE, phone.display()), sealer.index(Kind.PHONE, phone.digits()),
        PersonalData.maskPhone(phone.display()));
  }

  @Override
  public Sealed blindIdCard(String field, String value) {
    String id = IdCardNumbers.normalise(field, value, LocalDate.now(clock));
    return new Sealed(null, sealer.index(Kind.ID_CARD, id), PersonalData.maskIdCard(id));
  }

  @Override
  public Sealed blindPhone(String field, String value) {
    Phone phone = PhoneNumbers.normalise(field, value);
    return new Sealed(null, sealer.index(Kind.PHONE, phone.digits()), PersonalData.maskPhone(phone.display()));
  }

  @Override
  public String idCardIndex(String field, String value) {
    return sealer.index(Kind.ID_CARD, IdCardNumbers.normalise(field, value, LocalDate.now(clock)));
  }

  @Override
  public String phoneIndex(String field, String value) {
    return sealer.index(Kind.PHONE, PhoneNumbers.normalise(field, value).digits());
  }

  @Override
  public Future<String> reveal(SqlConnection connection, RoutingContext request, String permission, String cipher,
      String objectType, String objectId, String reason) {
    if (objectType == null || objectType.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("reveal needs the objectType for the audit log"));
    }
    Principal principal;
    try {
      principal = Requests.principal(request);
    } catch (Problem unauthenticated) {
      return Future.failedFuture(unauthenticated);
    }
    if (permission == null || !principal.can(permission)) {
      return Future.failedFuture(Problem.forbidden("缺少权限 " + permission + "，不能查看完整信息 / You lack the "
          + "permission " + permission + " to reveal full personal data"));
    }
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      return Future.failedFuture(Problem.invalid("reason", REASON_REQUIRED));
    }
    if (why.length() > MAX_REASON_LENGTH) {
      return Future.failedFuture(Problem.invalid("reason", REASON_TOO_LONG));
    }
    if (cipher == null || cipher.isBlank()) {
      return Future.failedFuture(Problem.notFound("没有存储该信息 / No value is stored"));
    }
    Opened opened;
    try {
      opened = sealer.open(cipher);
    } catch (SealedValueException e) {
      // The value is unknown here; the cipher text stays out of the log too. The request pipeline also logs the
      // failure (an ERROR with its stack trace under the request id) and answers 500.
      LOG.warn("Could not reveal the {} {} for {}: {}", objectType, objectId, principal.username(), e.getMessage());
      return Future.failedFuture(e);
    }
    AuditRecord record = AuditRecord.forRequest(clock, request, pluginOf(permission), null, REVEAL, objectType,
        objectId, AuditRecord.SUCCESS,
        new JsonObject().put("reason", why).put("kind", opened.kind().tag).put("permission", permission));
    return audit.append(connection, record).map(v -> opened.value());
  }

  /**
   * Starts a bulk reveal (an export in clear): checks the permission and the reason now, like {@link #reveal}, then
   * opens any number of values without auditing each; {@link BulkReveal#audit} records one {@code reveal} row with
   * the count.
   *
   * @throws Problem 403 without the permission (or with none declared), 422 naming {@code reason} without a reason
   */
  public BulkReveal bulkReveal(RoutingContext request, String permission, String objectType, String reason) {
    Principal principal = Requests.principal(request);
    if (permission == null || !principal.can(permission)) {
      throw Problem.forbidden(permission == null
          ? "该登记表不允许导出完整信息 / This register declares no permission to reveal full personal data"
          : "缺少权限 " + permission + "，不能导出完整信息 / You lack the permission " + permission
              + " to reveal full personal data");
    }
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw Problem.invalid("reason", REASON_REQUIRED);
    }
    if (why.length() > MAX_REASON_LENGTH) {
      throw Problem.invalid("reason", REASON_TOO_LONG);
    }
    return new BulkReveal(request, permission, Objects.requireNonNull(objectType, "objectType"), why);
  }

  /** An authorised bulk reveal: opens values (thread-safe), then audits once. */
  public final class BulkReveal {
    private final RoutingContext request;
    private final String permission;
    private final String objectType;
    private final String reason;
    private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();

    private BulkReveal(RoutingContext request, String permission, String objectType, String reason) {
      this.request = request;
      this.permission = permission;
      this.objectType = objectType;
      this.reason = reason;
    }

    /** The clear value of a cipher text (null for null or blank). */
    public String open(String cipher) {
      if (cipher == null || cipher.isBlank()) {
        return null;
      }
      String value = sealer.open(cipher).value();
      opened.incrementAndGet();
      return value;
    }

    /** How many values were opened. */
    public long opened() {
      return opened.get();
    }

    /** Records the one {@code reveal} row: detail {register, rows, reason, values, permission}. */
    public Future<Void> audit(SqlConnection connection, long rows) {
      AuditRecord record = AuditRecord.forRequest(clock, request, pluginOf(permission), null, REVEAL, objectType,
          null, AuditRecord.SUCCESS, new JsonObject().put("register", objectType).put("rows", rows)
              .put("reason", reason).put("values", opened.get()).put("permission", permission));
      return audit.append(connection, record);
    }
  }

  /**
   * The plugin a permission belongs to, for the audit row: permissions are named {@code <plugin>.<name>}
   * ({@code core.<name>} for the core's own).
   */
  private static String pluginOf(String permission) {
    int dot = permission.indexOf('.');
    return dot > 0 ? permission.substring(0, dot) : "core";
  }
}
