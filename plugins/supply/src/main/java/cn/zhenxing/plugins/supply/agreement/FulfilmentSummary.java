package cn.zhenxing.plugins.supply.agreement;

import cn.zhenxing.plugins.supply.support.Settings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.notify.Notification;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The weekly fulfilment summary of a county: agreed, delivered and target tonnes are kept per week (a trend the
 * live query cannot give) and sent to the county's inbox.
 */
public final class FulfilmentSummary {

  private final PluginContext ctx;
  private final Settings settings;

  public FulfilmentSummary(PluginContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
  }

  public Future<Void> run(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate week = LocalDate.ofInstant(run.scheduledAt(), ctx.zone())
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return Fulfilment.ofScope(run.connection(), county).compose(f -> {
      BigDecimal agreed = new BigDecimal(f.getValue("agreed").toString());
      BigDecimal delivered = new BigDecimal(f.getValue("delivered").toString());
      BigDecimal target = new BigDecimal(f.getValue("target").toString());
      return run.connection().preparedQuery("INSERT INTO supply.fulfilment_summary (county_code, week_of, agreed,"
              + " delivered, target) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (county_code, week_of) DO UPDATE"
              + " SET agreed = excluded.agreed, delivered = excluded.delivered, target = excluded.target")
          .execute(Tuple.of(county, week, agreed, delivered, target))
          .compose(v -> ctx.notifications().send(run.connection(), Notification.toCounty(county,
                  "fulfilment-summary", "农资保供协议履约周报 / Weekly supply-agreement fulfilment",
                  body(f, agreed, delivered, target))
              .link("/api/v1/supply/counties/" + county + "/fulfilment")))
          .mapEmpty();
    });
  }

  private static String body(JsonObject f, BigDecimal agreed, BigDecimal delivered, BigDecimal target) {
    return "目标 " + target.toPlainString() + " 吨，已签协议 " + agreed.toPlainString() + " 吨，已到货 "
        + delivered.toPlainString() + " 吨；超量到货协议 " + f.getLong("overDeliveredAgreements") + " 份 / target "
        + target.toPlainString() + " t, agreed " + agreed.toPlainString() + " t, delivered " + delivered.toPlainString()
        + " t";
  }
}
