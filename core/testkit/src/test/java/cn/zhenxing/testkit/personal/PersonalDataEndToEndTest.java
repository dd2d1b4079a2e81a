package cn.zhenxing.testkit.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a county clerk registers people with their ID-card and phone numbers; the numbers are validated, stored only
 * encrypted, shown masked, found by exact number without decrypting, and shown in full only to a user allowed to,
 * who states why — and that is audited.
 */
class PersonalDataEndToEndTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(PeoplePlugin.ID, PeoplePlugin::new)
      .build();

  private static final String PEOPLE = "/api/v1/people/counties/140702/people";

  @BeforeEach
  void enable() {
    zx.setPluginEnabled("people", true, "140702");
  }

  @Test
  void aPersonIsShownMasked_andTheDatabaseHoldsNoClearNumber() {
    String id = validId("14072119900307123");
    TestResponse created = create("张三", " " + id.toLowerCase() + " ", "+86 138-1234-5678");
    assertEquals(201, created.status(), created::toString);
    JsonObject person = created.json();
    assertEquals(id.substring(0, 6) + "********" + id.substring(14), person.getString("idNumber"));
    assertEquals("138****5678", person.getString("phone"));
    assertNoClearValue(created.body(), id, "13812345678");

    TestResponse read = zx.http().get(PEOPLE + "/" + person.getLong("id"));
    assertEquals(200, read.status(), read::toString);
    assertEquals(person.getString("idNumber"), read.json().getString("idNumber"));
    assertNoClearValue(read.body(), id, "13812345678");

    Row row = zx.sql("SELECT row_to_json(p)::text AS everything, id_cipher, id_index, id_masked "
        + "FROM people.person p WHERE id = $1", person.getLong("id")).iterator().next();
    assertNoClearValue(row.getString("everything"), id, "13812345678");
    assertTrue(row.getString("id_cipher").startsWith("v1:"), row.getString("id_cipher"));
    assertEquals(43, row.getString("id_index").length());
    assertEquals(person.getString("idNumber"), row.getString("id_masked"));
  }

  @Test
  void aSecondPersonWithTheSameIdNumberIsRefused_howeverItIsWritten() {
    String id = validId("14072119851111456");
    assertEquals(201, create("李四", id, null).status());
    String respelled = id.substring(0, 6) + " " + id.substring(6, 14) + " " + id.substring(14).toLowerCase();
    TestResponse duplicate = create("李四", respelled, null);
    assertEquals(409, duplicate.status(), duplicate::toString);
    assertTrue(duplicate.contentType().startsWith("application/problem+json"), duplicate::toString);
    assertNoClearValue(duplicate.body(), id, null);
  }

  @Test
  void invalidNumbersAreRefusedNamingTheField() {
    String id = validId("14072119900307125");
    String wrongCheck = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
    TestResponse refused = create("王五", wrongCheck, null);
    assertEquals(422, refused.status(), refused::toString);
    JsonObject problem = refused.json();
    JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
    assertEquals("idNumber", error.getString("field"), problem::encode);
    assertTrue(error.getString("reason").contains("校验位") && error.getString("reason").contains("check digit"),
        problem::encode);
    assertFalse(refused.body().contains(wrongCheck), "the refused value is not echoed");

    TestResponse badDate = create("王五", validId("14072119900230125"), null);
    assertEquals(422, badDate.status(), badDate::toString);
    assertEquals("idNumber", badDate.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    TestResponse badPhone = create("王五", id, "12345");
    assertEquals(422, badPhone.status(), badPhone::toString);
    assertEquals("phone", badPhone.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(0, zx.sql("SELECT count(*) AS n FROM people.person WHERE name = '王五'").iterator().next()
        .getLong("n"));
  }

  @Test
  void peopleAreFoundByExactNumberThroughTheBlindIndex() {
    String id = validId("14072119700101789");
    long personId = create("赵六", id, "0354-3012345").json().getLong("id");

    JsonArray found = lookup(id.toLowerCase()).getJsonArray("items");
    assertEquals(1, found.size(), found::encode);
    assertEquals(personId, found.getJsonObject(0).getLong("id"));
    assertEquals("0354-***2345", found.getJsonObject(0).getString("phone"));

    assertEquals(0, lookup(validId("14072119700101788")).getJsonArray("items").size());
    TestResponse invalid = zx.http().post(PEOPLE + "/lookup", new JsonObject().put("idNumber", "123"));
    assertEquals(422, invalid.status(), invalid::toString);
  }

  @Test
  void onlyAPermittedUserWithAReasonSeesTheFullNumber_andTheRevealIsAudited() {
    String id = validId("14072119921212321");
    long personId = create("孙七", id, null).json().getLong("id");
    String reveal = PEOPLE + "/" + personId + "/id-number/reveal";

    TestResponse noReason = zx.http().post(reveal, new JsonObject());
    assertEquals(422, noReason.status(), noReason::toString);
    assertEquals("reason", noReason.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    TestResponse blankReason = zx.http().post(reveal, new JsonObject().put("reason", "   "));
    assertEquals(422, blankReason.status(), blankReason::toString);

    String reason = "核对低保申请材料 / checking a benefit application";
    TestResponse revealed = zx.http().post(reveal, new JsonObject().put("reason", reason));
    assertEquals(200, revealed.status(), revealed::toString);
    assertEquals(id, revealed.json().getString("idNumber"));

    List<String> audit = new ArrayList<>();
    zx.sql("SELECT row_to_json(a)::text AS everything FROM core.audit_log a WHERE a.action = 'reveal'")
        .forEach(r -> audit.add(r.getString("everything")));
    assertEquals(1, audit.size(), audit::toString);
    String row = audit.get(0);
    assertTrue(row.contains("核对低保申请材料"), row);
    assertTrue(row.contains("\"person\"") && row.contains(String.valueOf(personId)), row);
    assertTrue(row.contains("admin"), row);
    assertNoClearValue(row, id, null);

    TestHttp clerk = zx.createUser("clerk1", "140702", List.of("county_staff"), List.of("people"));
    TestResponse masked = clerk.get(PEOPLE + "/" + personId);
    assertEquals(200, masked.status(), masked::toString);
    assertNoClearValue(masked.body(), id, null);
    TestResponse forbidden = clerk.post(reveal, new JsonObject().put("reason", reason));
    assertEquals(403, forbidden.status(), forbidden::toString);
    assertNoClearValue(forbidden.body(), id, null);
    assertEquals(1, zx.sql("SELECT count(*) AS n FROM core.audit_log WHERE action = 'reveal'").iterator().next()
        .getLong("n"), "a refused reveal reveals nothing and records no reveal");
  }

  @Test
  void aCipherTextChangedInTheDatabaseIsAServerErrorThatRevealsNothing() {
    String id = validId("14072119880808088");
    long personId = create("周八", id, null).json().getLong("id");
    String cipher = zx.sql("SELECT id_cipher FROM people.person WHERE id = $1", personId).iterator().next()
        .getString("id_cipher");
    int at = cipher.length() - 5;
    String tampered = cipher.substring(0, at) + (cipher.charAt(at) == 'A' ? 'B' : 'A') + cipher.substring(at + 1);
    zx.sql("UPDATE people.person SET id_cipher = $1 WHERE id = $2", tampered, personId);
    long revealsBefore = zx.sql("SELECT count(*) AS n FROM core.audit_log WHERE action = 'reveal'").iterator().next()
        .getLong("n");

    TestResponse failed = zx.http().post(PEOPLE + "/" + personId + "/id-number/reveal",
        new JsonObject().put("reason", "核实"));
    assertEquals(500, failed.status(), failed::toString);
    assertTrue(failed.contentType().startsWith("application/problem+json"), failed::toString);
    assertNoClearValue(failed.body(), id, null);
    assertFalse(failed.body().contains(tampered), "the cipher text is not echoed");
    assertEquals(revealsBefore, zx.sql("SELECT count(*) AS n FROM core.audit_log WHERE action = 'reveal'").iterator()
        .next().getLong("n"), "nothing was revealed, so no reveal is recorded");
  }

  private static TestResponse create(String name, String idNumber, String phone) {
    JsonObject body = new JsonObject().put("name", name).put("idNumber", idNumber);
    if (phone != null) {
      body.put("phone", phone);
    }
    return zx.http().post(PEOPLE, body);
  }

  private static JsonObject lookup(String idNumber) {
    TestResponse r = zx.http().post(PEOPLE + "/lookup", new JsonObject().put("idNumber", idNumber));
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  /** Neither the whole number, nor its date-of-birth part, nor the phone number appears. */
  private static void assertNoClearValue(String text, String id, String phoneDigits) {
    assertFalse(text.contains(id) || text.contains(id.toLowerCase()), () -> "full ID-card number in " + text);
    assertFalse(text.contains(id.substring(6, 14)), () -> "date of birth of the ID-card number in " + text);
    if (phoneDigits != null) {
      assertFalse(text.contains(phoneDigits) || text.contains(phoneDigits.substring(3, 7)),
          () -> "phone number in " + text);
    }
  }

  /** The valid number with these seventeen digits (GB 11643 check character computed here, independently). */
  static String validId(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }
}
