package cn.zhenxing.server.personal;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.security.Principal;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A routing context carrying just what the pipeline puts on a request: principal, county, request id, peer. */
final class FakeRequests {

  private FakeRequests() {
  }

  static Principal user(String username, String county, String... permissions) {
    return new Principal(42, username, county, Set.of("test_role"), Set.of(permissions));
  }

  static RoutingContext request(Principal principal) {
    Map<String, Object> data = new HashMap<>();
    if (principal != null) {
      data.put(Requests.PRINCIPAL_KEY, principal);
    }
    data.put(Requests.COUNTY_KEY, new County("140702", "榆次区", "Yuci", false));
    data.put(Requests.REQUEST_ID_KEY, "req-1");
    HttpServerRequest http = (HttpServerRequest) Proxy.newProxyInstance(FakeRequests.class.getClassLoader(),
        new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "remoteAddress" -> SocketAddress.inetSocketAddress(50000, "10.1.2.3");
          case "toString" -> "FakeHttpServerRequest";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
    return (RoutingContext) Proxy.newProxyInstance(FakeRequests.class.getClassLoader(),
        new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> switch (method.getName()) {
          case "get" -> data.getOrDefault((String) args[0], args.length > 1 ? args[1] : null);
          case "request" -> http;
          case "toString" -> "FakeRoutingContext";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
