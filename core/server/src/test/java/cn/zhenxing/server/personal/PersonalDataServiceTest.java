package cn.zhenxing.server.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.server.audit.AuditRecord;
import cn.zhenxing.server.audit.AuditWriter;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataServiceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
  private static final String KEY_A = Base64.getEncoder().encodeToString(bytes(32, 1));
  private static final String KEY_B = Base64.getEncoder().encodeToString(bytes(32, 2));
  private static final String REVEAL = "people.person.reveal";
  private static final String ID = TestIds.valid("14072119900307123");
  private static final String OTHER_ID = TestIds.valid("14072119900307124");
  private static final Pattern CIPHER = Pattern.compile("v1:[0-9a-f]{8}:(idcard|phone):[A-Za-z0-9_-]+");

  private final List<AuditRecord> audited = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AuditWriter audit = (client, record) -> {
    audited.add(record);
    return Future.succeededFuture();
  };

  @TempDir
  Path dataDir;

  private PersonalDataService service(String key) {
    return new PersonalDataService(dataDir, key, audit, CLOCK);
  }

  @Test
  void sealingShowsOnlyTheMaskedForm_andRevealGivesTheNormalisedValueBack() {
    PersonalDataService pd = service(KEY_A);
    Sealed sealed = pd.sealIdCard("idNumber", " " + ID.toLowerCase() + " ");
    assertEquals(ID.substring(0, 6) + "********" + ID.substring(14), sealed.masked());
    assertTrue(CIPHER.matcher(sealed.cipher()).matches(), sealed.cipher());
    assertTrue(sealed.cipher().length() < 100);
    assertEquals(43, sealed.blindIndex().length());
    for (String part : List.of(sealed.cipher(), sealed.blindIndex(), sealed.toString())) {
      assertFalse(part.contains(ID) || part.contains(ID.substring(6, 14)), part);
    }
    assertEquals(ID, reveal(pd, sealed.cipher(), "核实身份 / identity check"));

    Sealed phone = pd.sealPhone("phone", "+86 138-1234-5678");
    assertEquals("138****5678", phone.masked());
    assertEquals("13812345678", reveal(pd, phone.cipher(), "回访"));
    Sealed landline = pd.sealPhone("phone", "03543012345");
    assertEquals("0354-***2345", landline.masked());
    assertEquals("0354-3012345", reveal(pd, landline.cipher(), "回访"));
  }

  @Test
  void theSameValueSealsToDifferentCipherTexts_withTheSameIndex() {
    PersonalDataService pd = service(KEY_A);
    Set<String> ciphers = new HashSet<>();
    Set<String> indexes = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Sealed s = pd.sealIdCard("id", ID);
      ciphers.add(s.cipher());
      indexes.add(s.blindIndex());
    }
    assertEquals(50, ciphers.size(), "a fresh nonce every time");
    assertEquals(1, indexes.size());
    assertEquals(indexes.iterator().next(), pd.idCardIndex("id", ID.toLowerCase()));
  }

  @Test
  void indexesAreStableAcrossInstances_differForDifferentValues_kindsAndKeys() {
    String index = service(KEY_A).idCardIndex("id", ID);
    assertEquals(index, service(KEY_A).idCardIndex("id", ID), "same key, new instance (a restart)");
    assertNotEquals(index, service(KEY_A).idCardIndex("id", OTHER_ID));
    assertNotEquals(index, service(KEY_B).idCardIndex("id", ID), "another key");

    PersonalDataService pd = service(KEY_A);
    assertEquals(pd.phoneIndex("p", "138 1234 5678"), pd.phoneIndex("p", "+8613812345678"));
    assertEquals(pd.phoneIndex("p", "0354-3012345"), pd.phoneIndex("p", "035-43012345"));
    assertNotEquals(pd.phoneIndex("p", "13812345678"), pd.phoneIndex("p", "13812345679"));
    assertEquals(pd.sealPhone("p", "13812345678").blindIndex(), pd.phoneIndex("p", "13812345678"));
  }

  @Test
  void indexesAreNotPlainHashes() throws Exception {
    String index = service(KEY_A).idCardIndex("id", ID);
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(ID.getBytes());
    assertNotEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(sha), index);
  }

  @Test
  void invalidValuesAreRefusedBeforeAnythingIsSealed() {
    PersonalDataService pd = service(KEY_A);
    Problem p = assertThrows(Problem.class, () -> pd.sealIdCard("idNumber", TestIds.wrongCheck("14072119900307123")));
    assertEquals(422, p.status());
    assertEquals("idNumber", p.errors().get(0).field());
    assertTrue(p.getMessage().contains("身份证号校验位错误 / the ID-card check digit is wrong"), p.getMessage());
    assertThrows(Problem.class, () -> pd.idCardIndex("idNumber", "14072119900307123"));
    assertEquals("mobile", assertThrows(Problem.class, () -> pd.sealPhone("mobile", "1234")).errors().get(0).field());
    assertThrows(Problem.class, () -> pd.phoneIndex("mobile", "1234"));
    // The platform clock decides what "the future" is.
    Clock early = Clock.fixed(Instant.parse("1990-03-06T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
    PersonalDataService in1990 = new PersonalDataService(dataDir, KEY_A, audit, early);
    assertThrows(Problem.class, () -> in1990.sealIdCard("id", ID));
  }

  @Test
  void revealNeedsThePermission() {
    PersonalDataService pd = service(KEY_A);
    Sealed sealed = pd.sealIdCard("id", ID);
    RoutingContext clerk = FakeRequests.request(FakeRequests.user("clerk1", "140702", "people.read"));
    Throwable failure = pd.reveal(null, clerk, REVEAL, sealed.cipher(), "person", "1", "reason").cause();
    Problem p = assertInstanceOf(Problem.class, failure);
    assertEquals(403, p.status());
    assertTrue(p.getMessage().contains(REVEAL), p.getMessage());
    assertTrue(audited.isEmpty());

    Throwable anonymous = pd.reveal(null, FakeRequests.request(null), REVEAL, sealed.cipher(), "person", "1", "r")
        .cause();
    assertEquals(401, assertInstanceOf(Problem.class, anonymous).status());
  }

  @Test
  void revealNeedsAReason() {
    PersonalDataService pd = service(KEY_A);
    Sealed sealed = pd.sealIdCard("id", ID);
    RoutingContext admin = FakeRequests.request(FakeRequests.user("admin", "140700", REVEAL));
    for (String reason : new String[] {null, "", "   "}) {
      Problem p = assertInstanceOf(Problem.class,
          pd.reveal(null, admin, REVEAL, sealed.cipher(), "person", "1", reason).cause());
      assertEquals(422, p.status());
      assertEquals("reason", p.errors().get(0).field());
    }
    Problem tooLong = assertInstanceOf(Problem.class,
        pd.reveal(null, admin, REVEAL, sealed.cipher(), "person", "1", "x".repeat(501)).cause());
    assertEquals("reason", tooLong.errors().get(0).field());
    Problem nothing = assertInstanceOf(Problem.class, pd.reveal(null, admin, REVEAL, null, "person", "1", "r").cause());
    assertEquals(404, nothing.status());
    assertTrue(audited.isEmpty());
  }

  @Test
  void revealIsAuditedOnTheCallersConnection_withoutTheValue() {
    PersonalDataService pd = service(KEY_A);
    Sealed sealed = pd.sealIdCard("id", ID);
    RoutingContext admin = FakeRequests.request(FakeRequests.user("admin", "140700", REVEAL));
    assertEquals(ID, pd.reveal(null, admin, REVEAL, sealed.cipher(), "person", "7", "  核实身份 ").result());
    assertEquals(1, audited.size());
    AuditRecord r = audited.get(0);
    assertEquals("reveal", r.action());
    assertEquals(AuditRecord.SUCCESS, r.result());
    assertEquals("person", r.objectType());
    assertEquals("7", r.objectId());
    assertEquals("admin", r.username());
    assertEquals(42L, r.userId());
    assertEquals("people", r.plugin());
    assertEquals("140702", r.county());
    assertEquals("10.1.2.3", r.ip());
    assertEquals("req-1", r.requestId());
    assertEquals(CLOCK.instant(), r.at());
    assertEquals("核实身份", r.detail().getString("reason"));
    assertEquals("idcard", r.detail().getString("kind"));
    assertFalse(r.toString().contains(ID), "the revealed value stays out of the audit log");
    assertFalse(r.toString().contains(ID.substring(6, 14)));
  }

  @Test
  void aFailedAuditWriteFailsTheReveal() {
    AuditWriter broken = (client, record) -> Future.failedFuture(new IllegalStateException("audit down"));
    PersonalDataService pd = new PersonalDataService(dataDir, KEY_A, broken, CLOCK);
    Sealed sealed = pd.sealIdCard("id", ID);
    RoutingContext admin = FakeRequests.request(FakeRequests.user("admin", "140700", REVEAL));
    Future<String> revealed = pd.reveal(null, admin, REVEAL, sealed.cipher(), "person", "7", "reason");
    assertTrue(revealed.failed());
    assertNull(revealed.result());
  }

  @Test
  void aTamperedCipherTextFailsClearly_withoutShowingTheValue() {
    PersonalDataService pd = service(KEY_A);
    Sealed sealed = pd.sealIdCard("id", ID);
    String c = sealed.cipher();
    int at = c.length() - 10;
    String flipped = c.substring(0, at) + (c.charAt(at) == 'A' ? 'B' : 'A') + c.substring(at + 1);
    String phoneKind = c.replace(":idcard:", ":phone:");
    String otherKeyId = c.substring(0, 3) + "00000000" + c.substring(11);
    String otherKey = service(KEY_B).sealIdCard("id", ID).cipher();
    RoutingContext admin = FakeRequests.request(FakeRequests.user("admin", "140700", REVEAL));
    for (String bad : List.of(flipped, phoneKind, otherKeyId, otherKey, "v1:garbage", "v2" + c.substring(2),
        c.substring(0, c.length() - 30), c.substring(0, 20) + "!" + c.substring(21))) {
      Throwable failure = pd.reveal(null, admin, REVEAL, bad, "person", "7", "reason").cause();
      SealedValueException e = assertInstanceOf(SealedValueException.class, failure, bad);
      assertFalse(e.getMessage().contains(ID), e.getMessage());
      assertFalse(e.getMessage().contains(bad), e.getMessage());
    }
    assertTrue(audited.isEmpty());
  }

  @Test
  void sealingIsCheapAndThreadSafe() throws Exception {
    PersonalDataService pd = service(KEY_A);
    // Warm up, then measure roughly (the bound is generous: this guards against a regression by orders of magnitude).
    for (int i = 0; i < 20_000; i++) {
      pd.sealIdCard("id", ID);
    }
    int n = 20_000;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      pd.sealIdCard("id", ID);
    }
    long perSeal = (System.nanoTime() - start) / n;
    System.out.println("sealIdCard (validate + AES-GCM + HMAC + mask): ~" + perSeal / 1000.0 + " µs per value");
    assertTrue(perSeal < 500_000, "a seal took " + perSeal + " ns");

    ExecutorService pool = Executors.newFixedThreadPool(4);
    Set<String> wrong = ConcurrentHashMap.newKeySet();
    String index = pd.idCardIndex("id", ID);
    for (int t = 0; t < 4; t++) {
      pool.submit(() -> {
        for (int i = 0; i < 2_000; i++) {
          Sealed s = pd.sealIdCard("id", ID);
          if (!s.blindIndex().equals(index) || !ID.equals(reveal(pd, s.cipher(), "load"))) {
            wrong.add(s.cipher());
          }
        }
      });
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    assertTrue(wrong.isEmpty(), wrong.size() + " wrong results under concurrency");
  }

  private String reveal(PersonalDataService pd, String cipher, String reason) {
    RoutingContext admin = FakeRequests.request(FakeRequests.user("admin", "140700", REVEAL));
    Future<String> f = pd.reveal(null, admin, REVEAL, cipher, "person", "1", reason);
    if (f.failed()) {
      throw new AssertionError(f.cause());
    }
    return f.result();
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i * 7);
    }
    return b;
  }
}
