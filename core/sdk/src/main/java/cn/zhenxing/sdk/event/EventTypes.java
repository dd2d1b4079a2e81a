package cn.zhenxing.sdk.event;

/**
 * The event types plugins exchange: the contract between a publisher and its consumers, who never see each other's
 * classes. Payload field names are constants here too; payloads never carry personal data in clear, only blind
 * indexes ({@code ctx.personalData().idCardIndex(...)}), which are equal for the same person in every plugin.
 */
public final class EventTypes {

  private EventTypes() {
  }

  /**
   * {@code labor.employment-lost}: a labourer's employment ended and no new one started within the labor plugin's
   * grace period (30 days by default). Published by {@code labor}; consumed by {@code monitoring}, which turns it into
   * an unemployment risk signal (失业风险). County: the labourer's county. Payload:
   * <ul>
   *   <li>{@value #PERSON_INDEX} (string, required): the blind index of the person's ID-card number;</li>
   *   <li>{@value #EMPLOYMENT_ENDED} (string, ISO date {@code 2026-03-31}, required): the last day of the
   *       employment;</li>
   *   <li>{@value #DETECTED_ON} (string, ISO date, required): the day the labor plugin concluded no new employment
   *       followed;</li>
   *   <li>{@value #PLACE} (string, optional): where the lost job was: {@code county}, {@code province} or
   *       {@code outside};</li>
   *   <li>{@value #MONTHLY_INCOME} (number, optional): the monthly income of the lost job, in yuan;</li>
   *   <li>{@value #EMPLOYMENT_ID} (string, optional): the labor plugin's employment record id, for tracing.</li>
   * </ul>
   */
  public static final String EMPLOYMENT_LOST = "labor.employment-lost";

  /** Payload field: the blind index of the person's ID-card number. */
  public static final String PERSON_INDEX = "personIndex";
  /** Payload field: ISO date, the last day of the employment. */
  public static final String EMPLOYMENT_ENDED = "employmentEnded";
  /** Payload field: ISO date the loss was established. */
  public static final String DETECTED_ON = "detectedOn";
  /** Payload field: {@code county}, {@code province} or {@code outside}. */
  public static final String PLACE = "place";
  /** Payload field: monthly income in yuan. */
  public static final String MONTHLY_INCOME = "monthlyIncome";
  /** Payload field: the publisher's record id. */
  public static final String EMPLOYMENT_ID = "employmentId";
}
