package cn.zhenxing.plugins.supply.reserve;

import cn.zhenxing.plugins.supply.alert.Alert;
import cn.zhenxing.plugins.supply.alert.Alerts;
import cn.zhenxing.plugins.supply.support.Settings;
import cn.zhenxing.sdk.job.JobRun;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The stock alert: during the reserve period, a county whose reserve is below {@code reserveAlertShare} of its
 * target share gets one alert per month.
 */
public final class ReserveCheck {

  private final Alerts alerts;
  private final Settings settings;
  private final ZoneId zone;

  /** {@code zone}: the platform's ({@code ctx.zone()}), in which the reserve period's days are read. */
  public ReserveCheck(Alerts alerts, Settings settings, ZoneId zone) {
    this.alerts = alerts;
    this.settings = settings;
    this.zone = zone;
  }

  public Future<Void> run(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), zone);
    if (!settings.inReservePeriod(today)) {
      return Future.succeededFuture();
    }
    Future<BigDecimal> target = run.connection()
        .preparedQuery("SELECT tonnes FROM supply.target WHERE kind = 'reserve' AND county_code = $1")
        .execute(Tuple.of(county))
        .map(rows -> rows.size() == 0 ? BigDecimal.ZERO : rows.iterator().next().getBigDecimal("tonnes"));
    Future<BigDecimal> stock = target.compose(t -> ReserveStock.on(run.connection(), today, county)).map(rows -> {
      BigDecimal sum = BigDecimal.ZERO;
      for (var row : rows) {
        sum = sum.add(row.getBigDecimal("tonnes"));
      }
      return sum;
    });
    return stock.compose(held -> {
      BigDecimal floor = target.result().multiply(settings.reserveAlertShare()).setScale(2, RoundingMode.HALF_UP);
      if (target.result().signum() == 0 || held.compareTo(floor) >= 0) {
        return Future.succeededFuture();
      }
      return alerts.raise(run.connection(), new Alert(county, "reserve-low", "reserve", today.withDayOfMonth(1),
          null, null, held, target.result(), "冬储库存低于目标 / Winter reserve below target",
          "本县冬储库存 " + held.toPlainString() + " 吨，低于目标 " + target.result().toPlainString() + " 吨的 "
              + settings.reserveAlertShare().toPlainString() + " 倍 / reserve " + held.toPlainString()
              + " t is below " + settings.reserveAlertShare().toPlainString() + " of the "
              + target.result().toPlainString() + " t target")).mapEmpty();
    });
  }
}
