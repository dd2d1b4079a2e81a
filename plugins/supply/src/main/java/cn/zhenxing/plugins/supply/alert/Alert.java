package cn.zhenxing.plugins.supply.alert;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An alert to raise: at most one per county, kind, subject and period (raising it again is a no-op, so a job may
 * run any number of times).
 *
 * @param subject   what it is about, stable across runs ({@code point-7/urea}, {@code reserve})
 * @param period    the month (or day) it is about
 * @param value     the figure that triggered it (a price, a tonnage); may be null
 * @param reference what the figure was compared with (the previous price, the median, the target); may be null
 */
public record Alert(String county, String kind, String subject, LocalDate period, String product, Long pointId,
                    BigDecimal value, BigDecimal reference, String title, String message) {
}
