package cn.zhenxing.server.security;

import cn.zhenxing.sdk.county.County;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles and what they grant. Permissions are expanded from an account's roles and plugin grants against the
 * {@link PermissionRegistry} on every request, so a role change applies to the next request and a plugin that
 * starts later is covered without touching accounts.
 *
 * <ul>
 *   <li>{@value #CITY_ADMIN} (city): every permission of every plugin, {@code core.counties.manage},
 *       {@code core.system.read}, {@code core.jobs.run}, {@code core.users.manage};</li>
 *   <li>{@value #CITY_VIEWER} (city): every {@code <plugin>.read} and {@code core.system.read};</li>
 *   <li>{@value #COUNTY_ADMIN} (county): every permission of every plugin (for its own county: the access guard
 *       limits county accounts to their county) and {@code core.users.manage} for its county's accounts;</li>
 *   <li>{@value #COUNTY_STAFF} (county): {@code <plugin>.read} and {@code <plugin>.write} of the plugins granted to
 *       the account;</li>
 *   <li>{@value #AUDITOR} (city): {@code core.audit.read} only;</li>
 *   <li>{@value #SECURITY_ADMIN} (city): {@code core.users.manage} and {@code core.accounts.secure}; no business
 *       data.</li>
 * </ul>
 *
 * The three administrative powers (system administration: city or county administrator; security administration;
 * audit) are separated: no account holds two of them.
 */
public final class Roles {

  public static final String CITY_ADMIN = "city_admin";
  public static final String CITY_VIEWER = "city_viewer";
  public static final String COUNTY_ADMIN = "county_admin";
  public static final String COUNTY_STAFF = "county_staff";
  public static final String AUDITOR = "auditor";
  public static final String SECURITY_ADMIN = "security_admin";

  /** Every role with its description, in a stable order. */
  public static final Map<String, String> ALL;

  static {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(CITY_ADMIN, "市级系统管理员：全部县区、插件启用、账号 / City administrator: all counties, plugins, accounts");
    all.put(CITY_VIEWER, "市级查看员：只读全部数据 / City viewer: reads everything, changes nothing");
    all.put(COUNTY_ADMIN, "县区管理员：本县区数据与账号 / County administrator: own county's data and accounts");
    all.put(COUNTY_STAFF, "县区工作人员：本县区、授权插件 / County staff: own county, granted plugins only");
    all.put(AUDITOR, "审计员：只读审计日志 / Auditor: reads the audit log only");
    all.put(SECURITY_ADMIN, "安全管理员：账号、角色、锁定；无业务数据 / Security administrator: accounts, roles, locks; "
        + "no business data");
    ALL = java.util.Collections.unmodifiableMap(all);
  }

  /** Roles only city accounts (county {@value County#CITY_CODE}) may hold. */
  public static final Set<String> CITY_ROLES = Set.of(CITY_ADMIN, CITY_VIEWER, AUDITOR, SECURITY_ADMIN);
  /** Roles only county accounts may hold. */
  public static final Set<String> COUNTY_ROLES = Set.of(COUNTY_ADMIN, COUNTY_STAFF);
  /** Roles that may use (and, when configured, must use) a TOTP second factor. */
  public static final Set<String> TOTP_ROLES = Set.of(CITY_ADMIN, SECURITY_ADMIN);

  /** The three separated powers. */
  private static final List<Set<String>> POWERS = List.of(
      Set.of(CITY_ADMIN, COUNTY_ADMIN),
      Set.of(SECURITY_ADMIN),
      Set.of(AUDITOR));

  private Roles() {
  }

  /** Whether the roles combine two of the separated administrative powers. */
  public static boolean breaksSeparation(Collection<String> roles) {
    int powers = 0;
    for (Set<String> power : POWERS) {
      if (roles.stream().anyMatch(power::contains)) {
        powers++;
      }
    }
    return powers > 1;
  }

  /** Every permission the roles and plugin grants give, against the plugins registered now. */
  public static Set<String> permissions(Collection<String> roles, Collection<String> grantedPlugins,
      PermissionRegistry registry) {
    Set<String> permissions = new HashSet<>();
    for (String role : roles) {
      switch (role) {
        case CITY_ADMIN -> {
          registry.plugins().forEach(p -> permissions.addAll(registry.pluginPermissions(p)));
          permissions.addAll(List.of(PermissionRegistry.COUNTIES_MANAGE, PermissionRegistry.SYSTEM_READ,
              PermissionRegistry.JOBS_RUN, PermissionRegistry.USERS_MANAGE));
        }
        case CITY_VIEWER -> {
          permissions.addAll(registry.allReadPermissions());
          permissions.add(PermissionRegistry.SYSTEM_READ);
        }
        case COUNTY_ADMIN -> {
          registry.plugins().forEach(p -> permissions.addAll(registry.pluginPermissions(p)));
          permissions.add(PermissionRegistry.USERS_MANAGE);
        }
        case COUNTY_STAFF -> grantedPlugins.forEach(p -> {
          permissions.add(p + ".read");
          permissions.add(p + ".write");
        });
        case AUDITOR -> permissions.add(PermissionRegistry.AUDIT_READ);
        case SECURITY_ADMIN -> permissions.addAll(List.of(PermissionRegistry.USERS_MANAGE,
            PermissionRegistry.ACCOUNTS_SECURE));
        default -> {
          // an unknown role (a newer server wrote it) grants nothing here
        }
      }
    }
    return permissions;
  }

  /** Whether any of the roles may use a TOTP second factor / must when configured. */
  public static boolean totpRole(Collection<String> roles) {
    return roles.stream().anyMatch(TOTP_ROLES::contains);
  }
}
