package io.ecrhub.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The hub's own settings ({@code ecrhub.*}). Each can be given as an environment variable, e.g.
 * {@code ecrhub.secrets.master-key} as {@code ECRHUB_SECRETS_MASTER_KEY}.
 */
@ConfigMapping(prefix = "ecrhub")
public interface HubConfig {

  /**
   * Demo mode: start simulated terminals inside the hub, register them, and print the admin key and
   * the curl lines that take a payment. Also generates a master key file when none is configured.
   */
  @WithDefault("false")
  boolean demo();

  /**
   * This instance's name in terminal leases and logs; defaults to host name plus a random suffix.
   */
  Optional<String> instanceId();

  /** Database connection (H2 file by default, PostgreSQL in production). */
  Db db();

  /** Encryption of stored secrets (POS keys, notification keys). */
  Secrets secrets();

  /** API authentication. */
  Security security();

  /** Talking to terminals. */
  Terminal terminal();

  /** Listing endpoints. */
  Api api();

  /** Database connection. */
  interface Db {
    /**
     * JDBC URL: {@code jdbc:h2:file:./data/ecrhub;MODE=PostgreSQL;...} (default) or {@code
     * jdbc:postgresql://host:5432/db}.
     */
    String url();

    /** Database user. */
    String user();

    /** Database password (empty for none). */
    Optional<String> password();
  }

  /** Master key for sealing secrets at rest (AES-256-GCM). */
  interface Secrets {
    /**
     * The current master key: base64 of 32 random bytes ({@code openssl rand -base64 32}). Without
     * it the hub refuses to start, unless a key file may be generated (dev/demo).
     */
    Optional<String> masterKey();

    /**
     * Earlier master keys (base64, comma separated) still accepted for opening secrets while they
     * are re-sealed under the current key at start-up (rotation).
     */
    Optional<List<String>> previousKeys();

    /** Where the generated dev/demo key file lives (owner read/write only). */
    @WithDefault("data/master.key")
    Path keyFile();

    /**
     * Whether a missing master key may be replaced by the key file (generated once). On in the dev
     * profile and in demo mode; never in production.
     */
    @WithDefault("false")
    boolean generateKeyFile();

    /** Re-seal every stored secret under the current key at start-up when earlier keys are set. */
    @WithDefault("true")
    boolean resealOnStart();
  }

  /** API keys. */
  interface Security {
    /**
     * A bootstrap admin API key (at least 24 characters), accepted as {@code Authorization: Bearer
     * <key>}; use it to create real keys, then remove it.
     */
    Optional<String> bootstrapAdminKey();
  }

  /** Terminal I/O. */
  interface Terminal {
    /** TCP connect plus TLS handshake budget. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Read budget for quick requests (query, print, cancel). */
    @WithDefault("30s")
    Duration readTimeout();

    /** How long the terminal waits for the card or the customer during a payment. */
    @WithDefault("120s")
    Duration paymentTimeout();

    /** Read budget added to the payment timeout before an answer counts as lost (UNKNOWN). */
    @WithDefault("30s")
    Duration paymentReadMargin();

    /** Lifetime of a terminal lease; a crashed instance's lease frees the terminal after it. */
    @WithDefault("300s")
    Duration leaseTtl();

    /** Accept QFPay's published default POS key (lab and demo setups with the simulator only). */
    @WithDefault("false")
    boolean allowPublishedDefaultKey();

    /**
     * Extra CA certificates (PEM files) terminal TLS may chain to, besides QFPay's CA; for example
     * the CA of a lab terminal.
     */
    Optional<List<Path>> extraCaFiles();
  }

  /** Listing endpoints. */
  interface Api {
    /** Page size when {@code limit} is not given. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest accepted {@code limit}. */
    @WithDefault("200")
    int maxPageSize();
  }
}
