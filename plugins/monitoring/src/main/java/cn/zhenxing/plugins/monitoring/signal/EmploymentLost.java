package cn.zhenxing.plugins.monitoring.signal;

import cn.zhenxing.sdk.event.EventDelivery;
import cn.zhenxing.sdk.event.EventTypes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * {@code labor.employment-lost} → an unemployment signal (部门筛查, 人社) for the member with that blind index, in
 * whichever county the household is registered. A person the register does not know is recorded as unmatched. The
 * event id is the signal's source reference, so the signal ties back to the event.
 */
public final class EmploymentLost {

  private final SignalIntake intake;

  public EmploymentLost(SignalIntake intake) {
    this.intake = intake;
  }

  public Future<Void> handle(EventDelivery d) {
    JsonObject p = d.payload();
    String index = p.getString(EventTypes.PERSON_INDEX);
    if (index == null || index.isBlank()) {
      // Without a person there is nothing to record; failing lets the core set the event aside, visibly.
      return Future.failedFuture(new IllegalArgumentException("employment-lost event " + d.id() + " has no personIndex"));
    }
    LocalDate detected = LocalDate.parse(p.getString(EventTypes.DETECTED_ON, d.occurredAt().toString().substring(0, 10)));
    Object income = p.getValue(EventTypes.MONTHLY_INCOME);
    String description = "务工就业中断，最后工作日 " + p.getString(EventTypes.EMPLOYMENT_ENDED, "未知")
        + (p.getString(EventTypes.PLACE) == null ? "" : "，务工地：" + p.getString(EventTypes.PLACE));
    SignalIntake.Incoming in = new SignalIntake.Incoming(d.county(), true, null, index, "部门筛查", "人社", "unemployment",
        income instanceof Number n ? new BigDecimal(n.toString()) : null, description, EventTypes.EMPLOYMENT_LOST,
        "event:" + d.id(), detected);
    return intake.receive(d.connection(), in, "event:" + d.publisher()).mapEmpty();
  }
}
