package cn.zhenxing.sdk.event;

import io.vertx.core.Future;

/** Handles one delivered event; see {@link Events}. */
@FunctionalInterface
public interface EventHandler {

  /**
   * Handles the event. Do every write on {@link EventDelivery#connection()}: it commits together with the mark that
   * this consumer has handled the event. A failed future (or a thrown exception) rolls all of it back and the event
   * is retried later, so a handler must not have effects outside that transaction it cannot repeat.
   */
  Future<Void> handle(EventDelivery delivery) throws Exception;
}
