package cn.zhenxing.server.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped {@code logback.xml}, read as the server reads it, with the settings an operator may give. */
class LogConfigurationTest {

  private static LoggerContext configured(Map<String, String> settings) throws Exception {
    LoggerContext context = new LoggerContext();
    settings.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL config = LogConfigurationTest.class.getClassLoader().getResource("logback.xml");
    configurator.doConfigure(config);
    return context;
  }

  @Test
  void everyRequestIsLoggedByDefault() throws Exception {
    LoggerContext context = configured(Map.of());
    try {
      assertTrue(context.getLogger(AccessLog.LOGGER).isInfoEnabled());
    } finally {
      context.stop();
    }
  }

  @Test
  void anOperatorCanTurnThePerRequestLinesOff_andKeepsTheRest() throws Exception {
    LoggerContext context = configured(Map.of("ZX_ACCESS_LOG_LEVEL", "WARN"));
    try {
      assertFalse(context.getLogger(AccessLog.LOGGER).isInfoEnabled());
      assertTrue(context.getLogger(AccessLog.LOGGER).isWarnEnabled());
      assertTrue(context.getLogger("cn.zhenxing.server").isInfoEnabled(), "the application's own lines stay");
    } finally {
      context.stop();
    }
  }
}
