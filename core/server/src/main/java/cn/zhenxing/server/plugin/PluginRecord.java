package cn.zhenxing.server.plugin;

import cn.zhenxing.sdk.ZhenxingPlugin;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * What the host knows of one plugin: its identity and where it came from, its observed state and, when it failed,
 * why. Mutated only by {@link PluginHost}, on the event loop.
 */
public final class PluginRecord {

  private final String id;
  private final String version;
  private final String requires;
  private final String source;
  private final ClassLoader classLoader;
  private volatile PluginState state = PluginState.LOADED;
  private volatile String error;

  ZhenxingPlugin plugin;
  PluginContextImpl context;
  PluginMetricsImpl metrics;
  final List<Route> routes = new ArrayList<>();

  PluginRecord(String id, String version, String requires, String source, ClassLoader classLoader) {
    this.id = id;
    this.version = version;
    this.requires = requires;
    this.source = source;
    this.classLoader = classLoader;
  }

  public String id() {
    return id;
  }

  public String version() {
    return version;
  }

  /** The {@code Plugin-Requires} constraint on the core version. */
  public String requires() {
    return requires;
  }

  /** The jar it was loaded from, or {@code classpath}. */
  public String source() {
    return source;
  }

  public PluginState state() {
    return state;
  }

  /** Why it failed, or null. */
  public String error() {
    return error;
  }

  ClassLoader classLoader() {
    return classLoader;
  }

  void started() {
    state = PluginState.STARTED;
    error = null;
  }

  void failed(String reason) {
    state = PluginState.FAILED;
    error = reason;
  }

  void disabled(String reason) {
    state = PluginState.DISABLED;
    error = reason;
  }

  void stopped() {
    state = PluginState.STOPPED;
  }
}
