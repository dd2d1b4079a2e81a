package cn.zhenxing.server.config;

/** A setting that stops start-up. Its message is one sentence naming the setting and what is wrong with it. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
