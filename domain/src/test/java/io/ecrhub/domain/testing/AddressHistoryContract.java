package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link AddressHistory}: one sighting per terminal and address, whose first sighting
 * stays, whose last sighting and MAC (when one is known) follow the newest report; oldest first;
 * and {@link AddressHistory#moved} records the old and the new address. Subclass it once per
 * adapter; {@link #create()} returns an empty store.
 */
public abstract class AddressHistoryContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;
  private static final TerminalId A = TerminalId.of("till-a");
  private static final TerminalId B = TerminalId.of("till-b");

  private AddressHistory history;

  /** An empty store. */
  protected abstract AddressHistory create();

  @BeforeEach
  void setUpStore() {
    history = create();
  }

  private void seen(TerminalId t, String ip, String mac, Instant at) {
    txRun(() -> history.seen(t, ip, mac, at));
  }

  @Test
  void seen_thenHistory_returnsTheSighting() {
    seen(A, "192.168.1.20", "aa:bb:cc:dd:ee:0f", T0);

    assertThat(tx(() -> history.history(A)))
        .containsExactly(new AddressSighting("192.168.1.20", "aa:bb:cc:dd:ee:0f", T0, T0));
  }

  @Test
  void unknownTerminal_hasNoHistory() {
    seen(A, "192.168.1.20", null, T0);

    assertThat(tx(() -> history.history(B))).isEmpty();
  }

  @Test
  void seenAgainAtTheSameAddress_keepsOneSighting_firstSeenStays_macKeptUnlessANewOneIsKnown() {
    seen(A, "192.168.1.20", "aa:bb:cc:dd:ee:0f", T0);
    seen(A, "192.168.1.20", null, T0.plusSeconds(60));

    assertThat(tx(() -> history.history(A)))
        .containsExactly(
            new AddressSighting("192.168.1.20", "aa:bb:cc:dd:ee:0f", T0, T0.plusSeconds(60)));

    seen(A, "192.168.1.20", "aa:bb:cc:dd:ee:10", T0.plusSeconds(120));
    assertThat(tx(() -> history.history(A)))
        .containsExactly(
            new AddressSighting("192.168.1.20", "aa:bb:cc:dd:ee:10", T0, T0.plusSeconds(120)));
  }

  @Test
  void history_isOldestFirstByLastSighting_perTerminal() {
    seen(A, "10.0.0.1", null, T0);
    seen(A, "10.0.0.2", null, T0.plusSeconds(10));
    seen(B, "10.0.0.9", null, T0.plusSeconds(15));
    seen(A, "10.0.0.1", null, T0.plusSeconds(20)); // back at the first address

    assertThat(tx(() -> history.history(A)))
        .extracting(AddressSighting::ip)
        .containsExactly("10.0.0.2", "10.0.0.1");
    assertThat(tx(() -> history.history(B)))
        .extracting(AddressSighting::ip)
        .containsExactly("10.0.0.9");
  }

  @Test
  void movedFromAnAddressNeverSeen_recordsTheOldOneSinceRegistrationAndTheNewOne() {
    Instant registered = T0.minusSeconds(86_400);
    txRun(() -> history.moved(A, "10.0.0.1", registered, "10.0.0.2", T0));

    assertThat(tx(() -> history.history(A)))
        .containsExactly(
            new AddressSighting("10.0.0.1", null, registered, registered),
            new AddressSighting("10.0.0.2", null, T0, T0));
  }

  @Test
  void movedToTheSameAddress_recordsNothing() {
    txRun(() -> history.moved(A, "10.0.0.1", T0.minusSeconds(60), "10.0.0.1", T0));

    assertThat(tx(() -> history.history(A))).isEmpty();
  }

  @Test
  void longestValues_fit() {
    TerminalId longest = TerminalId.of("t".repeat(40));
    String ip = "h".repeat(255);
    seen(longest, ip, "m".repeat(32), T0);

    assertThat(tx(() -> history.history(longest)))
        .containsExactly(new AddressSighting(ip, "m".repeat(32), T0, T0));
  }
}
