package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.county.CountyRegistry;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.server.personal.PersonalDataService;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A register, counties and a personal-data service for the unit tests. */
final class SheetFixtures {

  static final County YUSHE = new County("140721", "榆社县", "yushe", false);
  static final County ZUOQUAN = new County("140722", "左权县", "zuoquan", false);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

  static final SheetSpec HOUSEHOLDS = SheetSpec.of("households", "监测户")
      .column(Column.text("name", "户主姓名").required().maxLength(10))
      .column(Column.idCard("idNumber", "身份证号").required())
      .column(Column.text("village", "所在村").required())
      .column(Column.text("category", "户类型").required().dictionary("脱贫不稳定户", "边缘易致贫户", "突发严重困难户"))
      .column(Column.decimal("income", "人均纯收入（元）"))
      .column(Column.date("identifiedOn", "识别日期"))
      .column(Column.integer("members", "家庭人口"))
      .column(Column.county("county", "县区"))
      .naturalKey("idNumber");

  static final CountyRegistry COUNTIES = new CountyRegistry() {
    @Override
    public List<County> counties() {
      return List.of(YUSHE, ZUOQUAN);
    }

    @Override
    public County city() {
      return new County(County.CITY_CODE, "晋中市", "jinzhong", true);
    }

    @Override
    public Optional<County> byCode(String code) {
      return counties().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    @Override
    public boolean enables(String countyCode, String pluginId) {
      return true;
    }

    @Override
    public List<County> enabling(String pluginId) {
      return counties();
    }
  };

  private SheetFixtures() {
  }

  static PersonalDataService personalData(Path dataDir) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i + 7);
    }
    return new PersonalDataService(dataDir, Base64.getEncoder().encodeToString(key),
        (client, record) -> Future.succeededFuture(), CLOCK);
  }

  /** The valid 18-character number starting with these seventeen digits. */
  static String validId(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += Character.digit(first17.charAt(i), 10) * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }
}
