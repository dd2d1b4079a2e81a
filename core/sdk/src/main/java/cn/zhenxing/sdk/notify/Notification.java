package cn.zhenxing.sdk.notify;

import java.util.Objects;

/**
 * One message for the people responsible for a county or for the city.
 *
 * <p>Audience: {@link #toCounty} reaches every account that covers the county and may read the sending plugin
 * (county staff granted the plugin, the county's administrators, and city accounts, who see all counties);
 * {@link #toCity} reaches city accounts only. {@link #area} names the township and village concerned, so inboxes can
 * be filtered by them.
 *
 * @param county the county code, or {@code null} for a city-level notification
 * @param kind a short, stable, plugin-chosen name clients can filter on ({@code warning-overdue})
 */
public record Notification(String county, String kind, Level level, String title, String body, String link,
                           String township, String village) {

  /** How urgent: the inbox sorts and colours by it; a channel may use it to decide whether to send an SMS. */
  public enum Level { INFO, WARNING, URGENT }

  public Notification {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(title, "title");
    body = body == null ? "" : body;
  }

  /** A notification for those responsible for {@code county} (a county code such as {@code 140721}). */
  public static Notification toCounty(String county, String kind, String title, String body) {
    return new Notification(Objects.requireNonNull(county, "county"), kind, Level.INFO, title, body, null, null,
        null);
  }

  /** A notification for the city's accounts. */
  public static Notification toCity(String kind, String title, String body) {
    return new Notification(null, kind, Level.INFO, title, body, null, null, null);
  }

  public Notification level(Level value) {
    return new Notification(county, kind, value, title, body, link, township, village);
  }

  /** A path in the API (or UI) where the matter can be looked at, e.g. {@code /api/v1/safety/counties/140721/hazards/7}. */
  public Notification link(String value) {
    return new Notification(county, kind, level, title, body, value, township, village);
  }

  /** The township and village concerned (either may be null). */
  public Notification area(String townshipName, String villageName) {
    return new Notification(county, kind, level, title, body, link, townshipName, villageName);
  }
}
