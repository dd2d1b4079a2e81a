package cn.zhenxing.server.http;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback converter {@code %rid}: the id of the request the logging code ran for, or {@code -}. Read from the event's
 * MDC, where {@link RequestIdMdc} put it on the logging thread: the console is written by the asynchronous appender's
 * own thread, which knows no request.
 */
public final class RequestIdConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    String id = event.getMDCPropertyMap().get(RequestIdMdc.KEY);
    return id == null ? "-" : id;
  }
}
