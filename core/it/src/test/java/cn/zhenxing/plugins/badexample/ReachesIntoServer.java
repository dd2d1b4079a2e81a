package cn.zhenxing.plugins.badexample;

import cn.zhenxing.plugins.badneighbour.Neighbour;
import cn.zhenxing.server.ZhenxingServer;

/**
 * DELIBERATELY BAD, for {@code ArchitectureTest} only: a "plugin" class that reaches into the server and into
 * another plugin. The architecture rules must reject it. It lives in core/it's test sources, which the main import
 * of {@code ArchitectureTest} never reads.
 */
public final class ReachesIntoServer {

  private ZhenxingServer server;
  private Neighbour neighbour;

  public String coreVersion() {
    return ZhenxingServer.VERSION + (server == null ? "" : "/" + server.port()) + neighbour;
  }
}
