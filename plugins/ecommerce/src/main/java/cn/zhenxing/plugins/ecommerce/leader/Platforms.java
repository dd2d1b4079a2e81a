package cn.zhenxing.plugins.ecommerce.leader;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The shop platforms the programme counts: reference data seeded at every start without touching what exists. The
 * source document names no e-town, leader or threshold, so nothing else of this plugin is seeded; the rest is entered
 * by the counties and the city (or comes as marked demo data).
 */
public final class Platforms {

  /** The platform codes, as the API takes them. */
  public static final List<String> CODES = List.of("taobao", "pinduoduo", "douyin", "wechat", "jd", "other");

  private Platforms() {
  }

  public static Future<Void> seed(SqlConnection conn) {
    return conn.query("INSERT INTO ecommerce.platform (code, name_zh, sort) VALUES"
            + " ('taobao', '淘宝', 1), ('pinduoduo', '拼多多', 2), ('douyin', '抖音', 3), ('wechat', '微信', 4),"
            + " ('jd', '京东', 5), ('other', '其他', 9) ON CONFLICT (code) DO NOTHING")
        .execute().mapEmpty();
  }
}
