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
   * Demo mode: only the demo build ({@code demo/}, ADR 0016) has it, and sets it; there it starts
   * simulated terminals inside the hub, registers them, prints the admin key and the curl lines
   * that take a payment, and generates a master key file when none is configured. The production
   * build refuses to start with it.
   */
  @WithDefault("false")
  boolean demo();

  /**
   * This instance's name in terminal leases and logs (no ':'); defaults to the host name plus the
   * HTTP port. Keep it stable across restarts (a restarted instance releases the leases recorded
   * under its id at once); two live instances must never share one.
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

  /** Settling payments and refunds whose outcome is unknown. */
  Reconciliation reconciliation();

  /** Refund rules the merchant's acquirer sets. */
  Refunds refunds();

  /** Stopping the hub. */
  Shutdown shutdown();

  /** Live event streams. */
  Events events();

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

    /**
     * Server-Sent Event streams one API key may hold open at once; one more is refused with 429
     * {@code TOO_MANY_STREAMS}.
     */
    @WithDefault("20")
    int maxStreamsPerKey();

    /**
     * How often an open event stream re-checks its key (revoked?) and scope (terminal moved out of
     * it?); a stream that fails the check ends. Revocation on this instance ends them at once.
     */
    @WithDefault("5s")
    Duration streamRecheck();
  }

  /** Terminal I/O. */
  interface Terminal {
    /** TCP connect plus TLS handshake budget. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Answer budget for short requests (query, print, cancel). */
    @WithDefault("15s")
    Duration readTimeout();

    /** How long the terminal waits for the card or the customer during a payment. */
    @WithDefault("120s")
    Duration paymentTimeout();

    /**
     * Added to the payment timeout before a trade or refund's answer counts as lost (UNKNOWN), and
     * again to the time after which the terminal cannot be working on it (connect + timeout + 2 x
     * margin; the lease is renewed no longer than that).
     */
    @WithDefault("30s")
    Duration paymentReadMargin();

    /**
     * How long a terminal lease lives unless its holder renews it (at least 3 s). The instance
     * driving a payment or refund renews it every third of this while the exchange runs, so a hub
     * instance that dies frees its terminals within this time and another instance reconciles what
     * it left in flight (ADR 0019).
     */
    @WithDefault("15s")
    Duration leaseTtl();

    /** Event-loop threads of the terminal channel. */
    @WithDefault("2")
    int channelThreads();

    /**
     * The currencies a terminal's merchant takes when the terminal has no list of its own (ISO 4217
     * codes, comma-separated); a payment or refund in another currency is refused with 422
     * CURRENCY_NOT_SUPPORTED before anything is sent.
     */
    @WithDefault("HKD")
    String currencies();

    /** Accept QFPay's published default POS key (lab and demo setups with the simulator only). */
    @WithDefault("false")
    boolean allowPublishedDefaultKey();

    /**
     * Older name of {@code ecrhub.ecr.trust.extra-ca-files}, still read (both lists are trusted).
     */
    Optional<List<Path>> extraCaFiles();
  }

  /** The terminal (ECR) channel. */
  Ecr ecr();

  interface Ecr {
    Trust trust();

    interface Trust {
      /**
       * Extra CA certificates (PEM files) terminal TLS may chain to, besides QFPay's CA; for
       * example the CA of a lab terminal. Never a trust-all switch: each file is a CA certificate.
       */
      Optional<List<Path>> extraCaFiles();
    }
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

  /** The reconciliation job (queries terminals about UNKNOWN and interrupted transactions). */
  interface Reconciliation {
    /** Run the job at all (turn off only on an instance that must never query terminals). */
    @WithDefault("true")
    boolean enabled();

    /** How often the job looks for due transactions (each has its own backoff: 5 s ... 1 h). */
    @WithDefault("5s")
    Duration every();

    /** How many payments (and, separately, refunds) one run looks at. */
    @WithDefault("50")
    int batchSize();
  }

  /** Refund rules ({@code ecrhub.refunds.*}). */
  interface Refunds {
    /**
     * Hong Kong time of day after which same-day card refunds are no longer sent to the terminal
     * (Odoo's rule is 23:00; QFPay's own block, respcd 1265, starts at 23:30), or {@code none} for
     * no cut-off besides the calendar day.
     */
    @WithDefault("23:00")
    String cardCutoff();
  }

  /** Graceful drain on shutdown ({@code ecrhub.shutdown.*}, ADR 0024). */
  interface Shutdown {
    /**
     * How long a stopping hub (SIGTERM) lets the payments and refunds it drives finish, taking no
     * new ones (503 HUB_DRAINING) and reporting not ready; those still in flight then are handed
     * over to the other instances (lease released, reconciled at once, never re-sent). Kubernetes'
     * {@code terminationGracePeriodSeconds} must exceed this plus {@code quarkus.shutdown.timeout}.
     */
    @WithDefault("60s")
    Duration drain();
  }

  /** Live event streams ({@code ecrhub.events.*}, ADR 0025). */
  interface Events {
    /**
     * How often the event log is read for other instances' events while PostgreSQL's {@code
     * LISTEN/NOTIFY} signals them (a safety net for a missed signal). Without signals (H2, or while
     * the listener reconnects) the log is read every second.
     */
    @WithDefault("5s")
    Duration fallbackPoll();
  }
}
