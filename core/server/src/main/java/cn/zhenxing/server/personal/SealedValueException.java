package cn.zhenxing.server.personal;

/**
 * A stored cipher text that cannot be opened: malformed, sealed under a key this server does not have, or changed
 * after sealing. A server-side integrity error (the request pipeline answers 500 and logs it under the request id);
 * its message never contains the value nor the cipher text.
 */
public final class SealedValueException extends RuntimeException {

  public SealedValueException(String message) {
    super("personal data: " + message);
  }
}
