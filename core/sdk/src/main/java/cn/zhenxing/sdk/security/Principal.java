package cn.zhenxing.sdk.security;

import cn.zhenxing.sdk.county.County;
import java.util.Set;

/**
 * The authenticated user of a request, as the core established it from the session. Read it with
 * {@link cn.zhenxing.sdk.http.Requests#principal(io.vertx.ext.web.RoutingContext)}.
 *
 * @param userId      the account's id
 * @param username    the login name (lower case)
 * @param countyCode  the county the account belongs to, or {@value County#CITY_CODE} for city accounts
 * @param roles       role names, e.g. {@code county_staff}
 * @param permissions every permission the roles grant, fully qualified ({@code monitoring.household.write})
 */
public record Principal(long userId, String username, String countyCode, Set<String> roles,
    Set<String> permissions) {

  public Principal {
    roles = Set.copyOf(roles);
    permissions = Set.copyOf(permissions);
  }

  /** City accounts see every county; county accounts only their own. */
  public boolean cityLevel() {
    return County.CITY_CODE.equals(countyCode);
  }

  /** Whether the account may see and (with the permission) change data of this county. */
  public boolean covers(String county) {
    return cityLevel() || countyCode.equals(county);
  }

  /** Whether the account holds the permission. */
  public boolean can(String permission) {
    return permissions.contains(permission);
  }
}
