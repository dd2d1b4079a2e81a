package cn.zhenxing.plugins.labor.brand;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/** The six local labour brands the programme names (seed document, 扩展省内外务工规模工程), each of its county. */
public final class BrandSeed {

  record Seed(String county, String name, String trade, String description, String standard) {
  }

  static final List<Seed> SIX = List.of(
      new Seed("140721", "榆社古建维修", "古建筑修缮",
          "榆社县古建筑维修技艺劳务品牌，承接省内外古建筑、寺庙、民居的修缮工程。",
          "古建筑修缮基础（木作、瓦作、彩绘）不少于 120 学时，考核合格发放培训合格证。"),
      new Seed("140727", "祁县琉璃器皿", "玻璃器皿制作",
          "祁县玻璃器皿（琉璃）手工吹制与加工劳务品牌，面向本地玻璃器皿企业和外贸订单。",
          "人工吹制、灯工、冷加工工艺不少于 100 学时，含安全生产教育。"),
      new Seed("140728", "平遥推光漆器", "漆器髹饰",
          "平遥推光漆器髹饰技艺劳务品牌，服务漆器作坊、文旅商品和非遗工坊。",
          "髹漆、推光、描金彩绘工艺不少于 120 学时，由非遗传承人授课。"),
      new Seed("140722", "左权家政服务", "家政服务",
          "左权县家政服务劳务品牌，输送育婴、养老护理、保洁人员到京津冀等地。",
          "育婴员、养老护理员、家政服务员职业技能培训不少于 80 学时，取得职业技能等级证书。"),
      new Seed("140725", "寿阳美容", "美容美发",
          "寿阳县美容美发劳务品牌，培训并输送美容师、美发师。",
          "美容师、美发师职业技能培训不少于 90 学时，取得职业技能等级证书。"),
      new Seed("140724", "昔阳仿真花", "仿真花制作",
          "昔阳县仿真花加工劳务品牌，依托帮扶车间就近就业和居家灵活就业。",
          "仿真花裁剪、组装、质检工艺不少于 40 学时。"));

  private BrandSeed() {
  }

  /** Inserts the brands a county does not have yet; changes a county made to a seeded brand are kept. */
  public static Future<Void> insert(SqlConnection conn, Clock clock) {
    List<Tuple> rows = SIX.stream().map(s -> Tuple.of(s.county(), s.name(), s.trade(), s.description(),
        s.standard(), clock.instant().atOffset(ZoneOffset.UTC))).toList();
    return conn.preparedQuery("INSERT INTO labor.brand (county_code, name, trade, description, training_standard,"
            + " seeded, created_at) VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (county_code, name) DO NOTHING")
        .executeBatch(rows).mapEmpty();
  }
}
