package cn.zhenxing.plugins.monitoring.report;

import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Map;

/** The stored quarterly reports: the list, one as JSON, or one as a CSV download (UTF-8 with BOM, for Excel). */
public final class ReportRoutes {

  private final PluginContext ctx;

  public ReportRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.get("/reports").handler(this::list);
    county.get("/reports/:year/:quarter").handler(this::get);
  }

  private void list(RoutingContext rc) {
    ctx.pool().preparedQuery("SELECT year, quarter, generated_at FROM monitoring.quarterly_report WHERE county_code = $1"
            + " ORDER BY year DESC, quarter DESC")
        .execute(Tuple.of(Http.county(rc)))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(r -> items.add(new JsonObject().put("year", r.getInteger("year"))
              .put("quarter", r.getInteger("quarter"))
              .put("generatedAt", r.getOffsetDateTime("generated_at").toInstant().toString())));
          Answers.json(rc, 200, new JsonObject().put("items", items).put("total", items.size()));
        })
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    String county = Http.county(rc);
    String year = rc.pathParam("year");
    String quarter = rc.pathParam("quarter");
    if (!year.matches("20[0-9]{2}") || !quarter.matches("[1-4]")) {
      throw Problem.notFound("没有该季度报告 / No report for " + year + " Q" + quarter);
    }
    boolean csv = "csv".equals(rc.queryParams().get("format"));
    ctx.pool().preparedQuery("SELECT year, quarter, generated_at, content FROM monitoring.quarterly_report"
            + " WHERE county_code = $1 AND year = $2 AND quarter = $3")
        .execute(Tuple.of(county, Integer.parseInt(year), (short) Integer.parseInt(quarter)))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            rc.fail(Problem.notFound("没有该季度报告 / No report for " + year + " Q" + quarter));
            return;
          }
          Row r = rows.iterator().next();
          JsonObject content = (JsonObject) r.getValue("content");
          if (!csv) {
            Answers.json(rc, 200, new JsonObject().put("county", county).put("year", r.getInteger("year"))
                .put("quarter", r.getInteger("quarter"))
                .put("generatedAt", r.getOffsetDateTime("generated_at").toInstant().toString())
                .put("content", content));
            return;
          }
          StringBuilder out = new StringBuilder("\uFEFF指标 / figure,值 / value\r\n");
          flatten("", content, out);
          rc.response().putHeader("Content-Type", "text/csv; charset=utf-8")
              .putHeader("Content-Disposition", "attachment; filename=\"monitoring-" + county + "-" + year + "Q"
                  + quarter + ".csv\"")
              .end(out.toString());
        })
        .onFailure(rc::fail);
  }

  private static void flatten(String prefix, JsonObject o, StringBuilder out) {
    for (Map.Entry<String, Object> e : o) {
      if (e.getValue() instanceof JsonObject nested) {
        flatten(prefix + e.getKey() + ".", nested, out);
      } else {
        out.append(prefix).append(e.getKey()).append(',').append(e.getValue()).append("\r\n");
      }
    }
  }
}
