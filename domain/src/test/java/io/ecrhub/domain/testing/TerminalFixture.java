package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalModel;
import io.ecrhub.domain.terminal.Transport;

/**
 * Terminals for tests: a {@link Terminal.Builder} pre-filled with working defaults (a Landi A8 on
 * 127.0.0.1:9001 over HTTPS, Haojin 4.34.12, the test POS key). Override what the test is about.
 */
public final class TerminalFixture {
  /** The POS key of test terminals. Not QFPay's published default, so production rules apply. */
  public static final String TEST_POS_KEY_TEXT = "0123456789abcdef0123456789abcdef";

  /**
   * The default POS key QFPay published until Aug 2025 (the key of every test vector). Main code
   * only knows its SHA-256, to refuse it; tests need the key itself.
   */
  public static final String PUBLISHED_DEFAULT_POS_KEY = "f46b1f08bec1f39104792cc79ec9aacd";

  public static final TerminalId DEFAULT_ID = TerminalId.of("till-1");

  private TerminalFixture() {}

  /** The test POS key (32 bytes: AES-256). */
  public static PosKey testPosKey() {
    return PosKey.of(TEST_POS_KEY_TEXT);
  }

  /** A builder with defaults; id {@code till-1}. */
  public static Terminal.Builder builder() {
    return builder(DEFAULT_ID);
  }

  /** A builder with defaults and the given id; the name is derived from it. */
  public static Terminal.Builder builder(TerminalId id) {
    return Terminal.builder()
        .id(id)
        .name("Till " + id.value())
        .host("127.0.0.1")
        .transport(Transport.HTTPS)
        .port(Transport.HTTPS.defaultPort())
        .encryption(true)
        .posKey(testPosKey())
        .model(TerminalModel.LANDI_A8)
        .appVersion(AppVersion.HTTPS_MINIMUM)
        .createdAt(MutableClock.DEFAULT_START);
  }

  /** The default terminal {@code till-1}. */
  public static Terminal terminal() {
    return builder().build();
  }

  /** A default terminal with the given id. */
  public static Terminal terminal(String id) {
    return builder(TerminalId.of(id)).build();
  }
}
