package cn.zhenxing.server.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current request's id into the MDC of every log call that will be written, on the calling thread, so the
 * event carries it to the asynchronous appender (Vert.x runs a request's steps on whatever thread its context has; the
 * id lives in the context, {@link RequestIds#current()}, not in a thread-local MDC).
 */
public final class RequestIdMdc extends TurboFilter {

  static final String KEY = "rid";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // getEffectiveLevel, not isEnabledFor: the latter calls the turbo filters again
    if (level != null && level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      String id = RequestIds.current();
      if (id == null) {
        MDC.remove(KEY);
      } else {
        MDC.put(KEY, id);
      }
    }
    return FilterReply.NEUTRAL;
  }
}
