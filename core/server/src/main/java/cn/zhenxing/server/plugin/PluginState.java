package cn.zhenxing.server.plugin;

/** Where a plugin is in its life. Only {@link #STARTED} plugins serve requests and run jobs. */
public enum PluginState {
  /** Found and loaded, not started yet. */
  LOADED,
  /** Migrated, seeded, started, routes mounted, jobs scheduled. */
  STARTED,
  /** A step failed; the reason is kept and shown. The rest of the platform serves on. */
  FAILED,
  /** Switched off in the configuration ({@code plugins.disabled}). */
  DISABLED,
  /** Stopped at shutdown. */
  STOPPED;

  public String label() {
    return name().toLowerCase();
  }
}
