package cn.zhenxing.server.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (BouncyCastle), in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}: the parameters travel with the hash, so raising the cost
 * later keeps old hashes verifiable. Hashing is deliberately slow, so the public methods run it on a worker thread
 * ({@code executeBlocking}, unordered so logins hash in parallel), never on an event loop.
 */
public final class Passwords {

  /**
   * The cost of new hashes.
   *
   * @param memoryKiB   memory per hash
   * @param iterations  passes over the memory
   * @param parallelism lanes
   */
  public record Cost(int memoryKiB, int iterations, int parallelism) {
    /** OWASP's minimum recommendation for Argon2id (2023): 19 MiB, 2 passes, 1 lane. */
    public static final Cost PRODUCTION = new Cost(19456, 2, 1);
  }

  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final Vertx vertx;
  private final Cost cost;
  private final SecureRandom random;
  /** A hash of nothing anyone knows, verified against when the user is unknown, so both take the same time. */
  private volatile String dummy;

  public Passwords(Vertx vertx, Cost cost, SecureRandom random) {
    this.vertx = vertx;
    this.cost = cost;
    this.random = random;
  }

  /** Computes the dummy hash (blocking: call on a worker thread at start-up). */
  void prepareDummy() {
    dummy();
  }

  private String dummy() {
    String current = dummy;
    if (current == null) {
      byte[] unknown = new byte[24];
      random.nextBytes(unknown);
      current = hashNow(B64.encodeToString(unknown));
      dummy = current;
    }
    return current;
  }

  /** Hashes on a worker thread. */
  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  /** Verifies on a worker thread; a malformed stored hash verifies as false. */
  public Future<Boolean> verify(String password, String encoded) {
    return vertx.executeBlocking(() -> verifyNow(password, encoded), false);
  }

  /** Verifies against a hash no password matches, taking as long as a real verification (unknown users). */
  public Future<Boolean> verifyDummy(String password) {
    return vertx.executeBlocking(() -> {
      verifyNow(password, dummy());
      return false;
    }, false);
  }

  /** Hashes on the calling thread: only for worker threads and start-up. */
  String hashNow(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = argon2(password, salt, cost.iterations(), cost.memoryKiB(), cost.parallelism(), HASH_BYTES);
    return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism() + "$"
        + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  static boolean verifyNow(String password, String encoded) {
    if (password == null || encoded == null) {
      return false;
    }
    String[] parts = encoded.split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String param : parts[3].split(",")) {
        String[] kv = param.split("=", 2);
        int v = Integer.parseInt(kv[1]);
        switch (kv[0]) {
          case "m" -> m = v;
          case "t" -> t = v;
          case "p" -> p = v;
          default -> {
            return false;
          }
        }
      }
      if (m < 8 || t < 1 || p < 1 || m > 4 * 1024 * 1024 || t > 100 || p > 16) {
        return false;
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = argon2(password, salt, t, m, p, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] argon2(String password, byte[] salt, int iterations, int memoryKiB, int parallelism,
      int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withIterations(iterations)
        .withMemoryAsKB(memoryKiB)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
