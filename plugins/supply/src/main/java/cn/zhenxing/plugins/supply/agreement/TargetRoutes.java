package cn.zhenxing.plugins.supply.agreement;

import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.List;

/**
 * City targets and their county split: the 63,000 t of county agreements and the 34,900 t winter reserve of the
 * seed are city totals; the source does not split them, so the city sets each county's share here. The split may
 * not exceed the city total, and the total may not drop below the split.
 */
public final class TargetRoutes {

  public static final List<String> KINDS = List.of("agreement", "reserve");

  private final PluginContext ctx;
  private final Writes writes;

  public TargetRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  public void mountCity(Router city) {
    city.get("/targets").handler(this::list);
    city.put("/targets/:kind/:county").handler(this::set);
  }

  private void list(RoutingContext rc) {
    ctx.pool().query("SELECT kind, county_code, tonnes FROM supply.target ORDER BY kind, county_code").execute()
        .onSuccess(rows -> {
          JsonObject answer = new JsonObject();
          for (String kind : KINDS) {
            answer.put(kind, new JsonObject().put("city", 0).put("allocated", 0).put("counties", new JsonObject()));
          }
          for (Row row : rows) {
            JsonObject t = answer.getJsonObject(row.getString("kind"));
            BigDecimal tonnes = row.getBigDecimal("tonnes");
            if (County.CITY_CODE.equals(row.getString("county_code"))) {
              t.put("city", Rows.decimal(tonnes));
            } else {
              t.getJsonObject("counties").put(row.getString("county_code"), Rows.decimal(tonnes));
              t.put("allocated", Rows.decimal(new BigDecimal(t.getValue("allocated").toString()).add(tonnes)));
            }
          }
          Answers.ok(rc, answer);
        })
        .onFailure(rc::fail);
  }

  private void set(RoutingContext rc) {
    String kind = rc.pathParam("kind");
    String county = rc.pathParam("county");
    if (!KINDS.contains(kind)) {
      throw Problem.notFound("目标类别不存在 / No such target kind: " + kind);
    }
    if (ctx.counties().byCode(county).isEmpty()) {
      throw Problem.notFound("县区不存在 / No such county: " + county);
    }
    Fields f = Fields.of(Requests.jsonBody(rc));
    BigDecimal tonnes = f.decimal("tonnes", BigDecimal.ZERO, new BigDecimal("10000000"), true);
    f.validate();
    boolean city = County.CITY_CODE.equals(county);
    writes.audited(rc, 200, "update", "target", conn -> conn
        // Locks the kind's rows: two splits at once must not both fit under the city total.
        .preparedQuery("SELECT county_code, tonnes FROM supply.target WHERE kind = $1 FOR UPDATE")
        .execute(Tuple.of(kind))
        .compose(rows -> {
          BigDecimal cityTotal = BigDecimal.ZERO;
          BigDecimal others = BigDecimal.ZERO;
          for (Row row : rows) {
            if (County.CITY_CODE.equals(row.getString("county_code"))) {
              cityTotal = row.getBigDecimal("tonnes");
            } else if (!county.equals(row.getString("county_code"))) {
              others = others.add(row.getBigDecimal("tonnes"));
            }
          }
          if (city && tonnes.compareTo(others) < 0) {
            return Future.failedFuture(Problem.invalid("tonnes", "不能低于已分解到县区的 " + Rows.decimal(others)
                .toPlainString() + " 吨 / must not be below the " + others.toPlainString() + " t split to counties"));
          }
          if (!city && others.add(tonnes).compareTo(cityTotal) > 0) {
            BigDecimal left = cityTotal.subtract(others);
            return Future.failedFuture(Problem.invalid("tonnes", "超出全市目标尚未分解的 " + Rows.decimal(left)
                .toPlainString() + " 吨 / exceeds the " + left.toPlainString() + " t of the city target not yet split"));
          }
          return conn.preparedQuery("INSERT INTO supply.target (kind, county_code, tonnes) VALUES ($1, $2, $3)"
                  + " ON CONFLICT (kind, county_code) DO UPDATE SET tonnes = excluded.tonnes")
              .execute(Tuple.of(kind, county, tonnes))
              .map(v -> new JsonObject().put("id", kind + "/" + county).put("kind", kind).put("county", county)
                  .put("tonnes", Rows.decimal(tonnes)));
        }));
  }
}
