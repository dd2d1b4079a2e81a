package cn.zhenxing.server;

import cn.zhenxing.server.config.ConfigException;
import cn.zhenxing.server.config.ConfigLoader;
import cn.zhenxing.server.config.ServerConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the server from the configuration and the environment; stops it cleanly on SIGTERM. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    ServerConfig config;
    try {
      config = ConfigLoader.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println("Zhenxing cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    log.info("Zhenxing {} starting", ZhenxingServer.VERSION);
    ZhenxingServer server = new ZhenxingServer(config, List.of());
    try {
      server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      log.error("Zhenxing failed to start: {}", cause.getMessage(), cause);
      System.err.println("Zhenxing cannot start: " + cause.getMessage());
      server.stop().get(2, TimeUnit.MINUTES);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop().get(config.shutdownGrace().toSeconds() + 60, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Shutdown did not complete: {}", e.getMessage());
      }
    }, "zhenxing-shutdown"));
    String host = "0.0.0.0".equals(config.httpHost()) ? "localhost" : config.httpHost();
    System.out.println("Zhenxing ready at http://" + host + ":" + server.port());
    System.out.flush();
  }
}
