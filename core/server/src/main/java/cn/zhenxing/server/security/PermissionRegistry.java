package cn.zhenxing.server.security;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every permission the platform knows, with its description: the core's own and, per plugin, {@code <id>.read},
 * {@code <id>.write} and whatever the plugin declared. Roles are expanded against it.
 */
public final class PermissionRegistry {

  /** Switch plugins on and off per county. */
  public static final String COUNTIES_MANAGE = "core.counties.manage";
  /** See installed plugins and scheduled jobs. */
  public static final String SYSTEM_READ = "core.system.read";
  /** Trigger jobs by hand. */
  public static final String JOBS_RUN = "core.jobs.run";
  /** Create, disable and grant accounts (of one's own county for county administrators). */
  public static final String USERS_MANAGE = "core.users.manage";
  /** Unlock accounts, reset passwords, change roles: the security administrator's powers. */
  public static final String ACCOUNTS_SECURE = "core.accounts.secure";
  /** Read and verify the audit log. */
  public static final String AUDIT_READ = "core.audit.read";

  private final Map<String, String> core = Map.of(
      COUNTIES_MANAGE, "按县区启用插件 / Enable plugins per county",
      SYSTEM_READ, "查看插件与任务 / See plugins and jobs",
      JOBS_RUN, "手动运行任务 / Run jobs by hand",
      USERS_MANAGE, "管理账号 / Manage accounts",
      ACCOUNTS_SECURE, "解锁、重置密码、分配角色 / Unlock, reset passwords, assign roles",
      AUDIT_READ, "查阅审计日志 / Read the audit log");

  /** plugin id → (permission → description). */
  private final Map<String, Map<String, String>> byPlugin = new ConcurrentHashMap<>();

  /** Registers a plugin's implicit read and write permissions. */
  public void addPlugin(String pluginId) {
    Map<String, String> perms = new ConcurrentHashMap<>();
    perms.put(pluginId + ".read", "查看 " + pluginId + " 数据 / Read " + pluginId + " data");
    perms.put(pluginId + ".write", "修改 " + pluginId + " 数据 / Change " + pluginId + " data");
    byPlugin.put(pluginId, perms);
  }

  /** Registers a permission a plugin declared; answers its full name. */
  public String declare(String pluginId, String name, String description) {
    if (name == null || !name.matches("[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)*")) {
      throw new IllegalArgumentException("permission names are lower-case words joined by '.': " + name);
    }
    String full = pluginId + "." + name;
    byPlugin.computeIfAbsent(pluginId, id -> new ConcurrentHashMap<>()).put(full, description);
    return full;
  }

  /** Forgets a plugin's permissions (it stopped or failed). */
  public void removePlugin(String pluginId) {
    byPlugin.remove(pluginId);
  }

  /** The core's permissions. */
  public Set<String> corePermissions() {
    return core.keySet();
  }

  /** Every permission of one plugin (read, write and declared ones). */
  public Set<String> pluginPermissions(String pluginId) {
    return Set.copyOf(byPlugin.getOrDefault(pluginId, Map.of()).keySet());
  }

  /** The ids of plugins with registered permissions. */
  public Set<String> plugins() {
    return Set.copyOf(byPlugin.keySet());
  }

  /** Only the {@code .read} permission of every plugin. */
  public Set<String> allReadPermissions() {
    return byPlugin.keySet().stream().map(id -> id + ".read").collect(Collectors.toSet());
  }

  /** Everything, with descriptions, sorted: for the roles and permissions API. */
  public Map<String, String> describeAll() {
    Map<String, String> all = new TreeMap<>(core);
    byPlugin.values().forEach(all::putAll);
    return all;
  }
}
