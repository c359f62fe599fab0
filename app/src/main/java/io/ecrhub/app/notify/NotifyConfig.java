package io.ecrhub.app.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** QFPay notification intake and downstream delivery ({@code ecrhub.notify.*}). */
@ConfigMapping(prefix = "ecrhub.notify")
public interface NotifyConfig {

  /**
   * Notification keys given at start-up, comma separated (env {@code ECRHUB_NOTIFY_KEYS}); they
   * serve any notification. Keys managed over the admin API are stored sealed instead.
   */
  Optional<List<String>> keys();

  /**
   * At most this many keys are tried on one notification when its routing data picks none: 1 to 8
   * (the hub refuses to start otherwise), so an unauthenticated request costs at most 8 digests.
   */
  @WithDefault("8")
  int maxKeyTries();

  /** Also accept a 64-hex {@code X-QF-SIGN} as SHA-256 over the same input (undocumented). */
  @WithDefault("true")
  boolean allowSha256();

  /**
   * Also accept the legacy signature form (MD5 of the body's fields sorted as {@code k=v&...} plus
   * the key; QFPay's 2019 sample, protocol doc §7.2) when the raw-body form matches no key. Turn it
   * off once no merchant's old setup sends it.
   */
  @WithDefault("true")
  boolean legacySignature();

  /** Currency assumed when a notification has no {@code txcurrcd}. */
  @WithDefault("HKD")
  String defaultCurrency();

  /** Optional allow-list of sender addresses. */
  AllowList allowList();

  /**
   * Proxies whose {@code X-Forwarded-For} is believed (IPs or CIDRs); from anyone else it is
   * ignored.
   */
  Optional<List<String>> trustedProxies();

  /**
   * Apply each notification on the request thread before answering (true), or on a background pool
   * right after the commit (false: faster answers; the notification is stored either way).
   */
  @WithDefault("true")
  boolean applyInline();

  /**
   * With {@code apply-inline}: store and apply a new notification in one transaction (one commit;
   * the applier's events leave after it), falling back to store-then-apply when that fails. False:
   * always commit the stored notification first and apply it in a second transaction.
   */
  @WithDefault("true")
  boolean storeAndApplyTogether();

  /** Group commit: notifications arriving together are stored in one transaction. */
  GroupCommit groupCommit();

  /** How long received notifications (and so their dedupe keys) are kept; at least 30 days. */
  @WithDefault("P45D")
  Duration retention();

  /** At most this many rejected notifications are kept for audit (the oldest go first). */
  @WithDefault("10000")
  int rejectedCap();

  /** Which rejected requests are stored as samples; the others are only counted (ADR 0009). */
  RejectedSamples rejectedSamples();

  /** The intake's own threads and connection budget (ADR 0009). */
  Intake intake();

  /** How often parked and unapplied notifications are retried. */
  @WithDefault("60s")
  Duration sweepEvery();

  /** Downstream delivery. */
  Delivery delivery();

  /**
   * Group commit of the intake ({@code ecrhub.notify.group-commit.*}): while one transaction
   * commits, the next notifications wait and are then stored (and applied) together, each answered
   * after that commit. Under load this is one commit for many notifications; a lone notification is
   * stored on its own.
   */
  interface GroupCommit {
    /**
     * Threads storing groups (each holds one database connection while it does); 0 turns it off.
     */
    @WithDefault("2")
    int writers();

    /** At most this many notifications in one transaction. */
    @WithDefault("64")
    int maxSize();

    /** Notifications waiting for a writer; when full, a notification is stored on its own. */
    @WithDefault("2048")
    int queue();
  }

  /**
   * Samples of rejected requests ({@code ecrhub.notify.rejected-samples.*}): bad or missing
   * signature, malformed. Each is stored with at most the first 2 KiB of its body, its SHA-256 and
   * length; decided in memory before any database work, per hub instance.
   */
  interface RejectedSamples {
    /** Samples stored per sender address and minute. */
    @WithDefault("10")
    int perSource();

    /** Samples stored per minute from all senders together. */
    @WithDefault("60")
    int perMinute();
  }

  /**
   * The intake's own bounded executor ({@code ecrhub.notify.intake.*}): it stores what the group
   * commit's writers do not (samples of rejected requests, unknown types, a full group-commit
   * queue). Its threads plus the group commit's writers are all the database connections the intake
   * ever holds, so payments keep the rest of the pool.
   */
  interface Intake {
    /** Threads (each holds one database connection while it stores). */
    @WithDefault("2")
    int threads();

    /** Tasks waiting for a thread; beyond this a notification is answered 503. */
    @WithDefault("64")
    int queue();

    /** The {@code Retry-After} of a 503 {@code INTAKE_BUSY} (QFPay retries on its own schedule). */
    @WithDefault("10s")
    Duration retryAfter();
  }

  /** Allow-list of QFPay's sender addresses (protocol doc §7.1). */
  interface AllowList {
    /** Off by default. */
    @WithDefault("false")
    boolean enabled();

    /** Allowed sender IPs or CIDRs; QFPay's published senders by default. */
    @WithDefault("13.228.112.115,18.138.115.47,18.166.202.92")
    List<String> addresses();
  }

  /** Outbox delivery to subscribers. */
  interface Delivery {
    /** How often the worker looks for due messages. */
    @WithDefault("2s")
    Duration poll();

    /** Messages claimed per pass. */
    @WithDefault("50")
    int batchSize();

    /** Parallel sends (a slow consumer holds one thread, never the intake). */
    @WithDefault("8")
    int threads();

    /** TCP/TLS connect timeout. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed for the consumer's answer. */
    @WithDefault("10s")
    Duration readTimeout();

    /** First retry delay (then doubled, with jitter). */
    @WithDefault("30s")
    Duration initialBackoff();

    /** Growth factor of the retry delay. */
    @WithDefault("2.0")
    double backoffMultiplier();

    /** Longest delay between two attempts. */
    @WithDefault("4h")
    Duration maxBackoff();

    /** Dead-letter when the next attempt would be later than this after the first. */
    @WithDefault("24h")
    Duration giveUpAfter();

    /** Dead-letter after this many attempts. */
    @WithDefault("40")
    int maxAttempts();

    /** Bytes of the consumer's response kept in the attempt log. */
    @WithDefault("512")
    int snippetBytes();

    /**
     * After {@code POST …/subscriptions/{id}/rotate-secret}, how long the replaced secret still
     * signs next to the new one (two {@code v1,} signatures), so the consumer can switch without
     * refusing a delivery; {@code 0s} switches at once.
     */
    @WithDefault("24h")
    Duration secretOverlap();
  }
}
