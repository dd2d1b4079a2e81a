package cn.zhenxing.plugins.safety.hazard;

import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.notify.Notification;
import cn.zhenxing.sdk.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily overdue check of one county: every hazard still open or being rectified whose deadline has passed
 * becomes overdue and is escalated — a general hazard to the county, a major one to the city, which tracks major
 * hazards — through the platform's notifications, and the escalation is recorded (and counted by the metrics). All
 * in the run's transaction: if a notification cannot be recorded, nothing is marked overdue and the next run retries.
 */
public final class DeadlineJob {

  private final HazardNotices notices;
  private final ZoneId zone;

  public DeadlineJob(Notifications notifications, ZoneId zone) {
    this.notices = new HazardNotices(notifications);
    this.zone = zone;
  }

  public Future<Void> run(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), zone);
    SqlConnection conn = run.connection();
    return conn.preparedQuery("UPDATE safety.hazard h SET overdue = true, overdue_since = $2, updated_at = $3"
            + " FROM safety.enterprise e WHERE e.id = h.enterprise_id AND h.county_code = $1"
            + " AND h.status IN ('open', 'rectifying') AND NOT h.overdue AND h.deadline < $2"
            + " RETURNING h.id, h.code, h.level, h.deadline, e.name AS enterprise_name")
        .execute(Tuple.of(county, today, run.scheduledAt().atOffset(java.time.ZoneOffset.UTC)))
        .compose(rows -> {
          List<Row> overdue = new ArrayList<>();
          rows.forEach(overdue::add);
          Future<Void> chain = Future.succeededFuture();
          for (Row hazard : overdue) {
            chain = chain.compose(v -> escalate(conn, county, today, hazard));
          }
          return chain;
        });
  }

  /** A general hazard goes to the county (WARNING), a major one to the city (URGENT). */
  private static Notification escalation(boolean major, String county, String title, String body, String link) {
    return (major ? Notification.toCity("major-hazard-overdue", title, body)
        : Notification.toCounty(county, "hazard-overdue", title, body))
        .level(major ? Notification.Level.URGENT : Notification.Level.WARNING)
        .link(link);
  }

  private Future<Void> escalate(SqlConnection conn, String county, LocalDate today, Row hazard) {
    boolean major = "major".equals(hazard.getString("level"));
    long id = hazard.getLong("id");
    String title = (major ? "重大隐患逾期未整改" : "隐患逾期未整改") + " / " + (major ? "Major hazard" : "Hazard")
        + " overdue: ";
    // The enterprise, the code and the deadline only: the description is free text and could hold anything.
    String body = Hazards.LEVELS.get(hazard.getString("level")) + " 整改期限 " + hazard.getLocalDate("deadline")
        + " 已过，仍未整改完成。";
    String link = "/api/v1/safety/counties/" + county + "/hazards/" + id;
    return notices.send(conn,
            escalation(major, county, title + hazard.getString("code"), hazard.getString("enterprise_name") + " 的"
                + body, link),
            escalation(major, county, title + "#" + id, body, link))
        .compose(notificationId -> conn.preparedQuery("INSERT INTO safety.escalation (hazard_id, county_code,"
                + " audience, escalated_on, notification_id) VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(id, county, major ? "city" : "county", today, notificationId)))
        .mapEmpty();
  }
}
