package cn.zhenxing.plugins.monitoring.meeting;

import cn.zhenxing.sdk.PluginContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Per county: joint meetings held this year, decisions open and decisions past their due date. */
public final class MeetingMetrics {

  private final PluginContext ctx;

  public MeetingMetrics(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register() {
    gauge("meetings_held_this_year", "Quarterly joint meetings held this year (one per quarter expected)",
        "SELECT county_code, count(*) FROM monitoring.joint_meeting WHERE county_code IS NOT NULL"
            + " AND year = extract(year FROM $1::date) GROUP BY 1");
    gauge("meeting_decisions_open", "Joint-meeting decisions not yet done",
        "SELECT county_code, count(*) FROM monitoring.meeting_decision WHERE county_code IS NOT NULL"
            + " AND status = 'open' AND $1::date IS NOT NULL GROUP BY 1");
    gauge("meeting_decisions_overdue", "Joint-meeting decisions open past their due date",
        "SELECT county_code, count(*) FROM monitoring.meeting_decision WHERE county_code IS NOT NULL"
            + " AND status = 'open' AND due_on < $1::date GROUP BY 1");
  }

  private void gauge(String name, String description, String sql) {
    ctx.metrics().countyGauge(name, description, () -> counts(sql));
  }

  private Future<Map<String, ? extends Number>> counts(String sql) {
    return ctx.pool().preparedQuery(sql).execute(Tuple.of(LocalDate.now(ctx.clock()))).map(rows -> {
      Map<String, Long> out = new TreeMap<>();
      rows.forEach(r -> out.put(r.getString(0), r.getLong(1)));
      return out;
    });
  }
}
