package cn.zhenxing.server.http;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback converter {@code %rid}: the id of the request the logging code runs for, or {@code -}. */
public final class RequestIdConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    String id = RequestIds.current();
    return id == null ? "-" : id;
  }
}
