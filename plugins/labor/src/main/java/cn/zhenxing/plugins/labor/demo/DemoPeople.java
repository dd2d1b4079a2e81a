package cn.zhenxing.plugins.labor.demo;

import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.personal.Sealed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Made-up people for the demo data: ID numbers generated from the county code, a birth date and a sequence number,
 * with a valid check digit, sealed like any other so that the demo exercises the same path as real data. They are
 * not anybody's on purpose; only the sealed parts leave this class and the rows are marked demo.
 */
final class DemoPeople {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  /** Parallel arrays, one entry per person, ready for {@code unnest}. */
  record Batch(List<String> county, List<String> cipher, List<String> index, List<String> masked) {
    Batch() {
      this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    void add(String countyCode, Sealed sealed) {
      county.add(countyCode);
      cipher.add(sealed.cipher());
      index.add(sealed.blindIndex());
      masked.add(sealed.masked());
    }
  }

  private final PersonalData personalData;

  DemoPeople(PersonalData personalData) {
    this.personalData = personalData;
  }

  /**
   * {@code count} people of the county born between {@code firstBirthday} and {@code spanDays} later, numbered from
   * {@code firstSeq}. Sealing takes a few microseconds each: call it off the event loop.
   */
  void add(Batch batch, String county, int count, LocalDate firstBirthday, int spanDays, int firstSeq) {
    for (int i = 0; i < count; i++) {
      LocalDate born = firstBirthday.plusDays(i % spanDays);
      int seq = firstSeq + i / spanDays;
      String body = county + born.toString().replace("-", "") + String.format("%03d", seq);
      batch.add(county, personalData.sealIdCard("idNumber", body + checkDigit(body)));
    }
  }

  private static char checkDigit(String body) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }
}
