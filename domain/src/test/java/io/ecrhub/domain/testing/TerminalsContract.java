package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalModel;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.terminal.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Terminals}. Subclass it once per adapter; {@link #create()} must return an
 * empty store.
 */
public abstract class TerminalsContract extends PortContract {
  protected Terminals terminals;

  /** An empty store (e.g. with its tables truncated). */
  protected abstract Terminals create();

  @BeforeEach
  void setUpStore() {
    terminals = create();
  }

  @Test
  void save_newTerminal_returnsVersionOneAndFindsEveryField() {
    Terminal t =
        TerminalFixture.builder(TerminalId.of("till-a"))
            .name("Front till")
            .host("192.168.1.20")
            .transport(Transport.TCP)
            .port(9002)
            .encryption(false)
            .posKey(PosKey.of("abcdefghijklmnop"))
            .model(TerminalModel.PAX_A920)
            .appVersion(AppVersion.parse("4.33.24"))
            .storeId("store-7")
            .deviceId("dev-42")
            .tcpFraming(TcpFraming.NEWLINE)
            .status(TerminalStatus.KEY_MISMATCH)
            .statusDetail("4003 request denied")
            .createdAt(Instant.parse("2026-03-01T01:02:03.456Z"))
            .updatedAt(Instant.parse("2026-03-01T05:06:07.891Z"))
            .build();

    Terminal saved = save(t);

    assertThat(saved.version()).isEqualTo(1);
    assertThat(t.version()).as("the argument is not modified").isZero();
    Terminal found = findById(t.id()).orElseThrow();
    assertSameState(found, t);
    assertThat(found.version()).isEqualTo(1);
  }

  @Test
  void save_serialTerminal_keepsTheDevicePath() {
    Terminal t =
        TerminalFixture.builder(TerminalId.of("usb-1"))
            .transport(Transport.SERIAL)
            .host("/dev/ttyUSB0")
            .port(0)
            .appVersion(null)
            .build();

    save(t);

    Terminal found = findById(t.id()).orElseThrow();
    assertThat(found.transport()).isEqualTo(Transport.SERIAL);
    assertThat(found.host()).isEqualTo("/dev/ttyUSB0");
    assertThat(found.appVersion()).isEmpty();
  }

  @Test
  void save_returnedVersion_canBeSavedAgainAndIncrements() {
    Terminal v1 = save(TerminalFixture.terminal("till-a"));

    v1.rename("Renamed");
    Terminal v2 = save(v1);

    assertThat(v2.version()).isEqualTo(2);
    Terminal found = findById(v1.id()).orElseThrow();
    assertThat(found.name()).isEqualTo("Renamed");
    assertThat(found.version()).isEqualTo(2);
  }

  @Test
  void save_staleVersion_throwsConcurrentModificationAndKeepsTheStoredState() {
    Terminal v1 = save(TerminalFixture.terminal("till-a"));
    Terminal copyA = findById(v1.id()).orElseThrow();
    Terminal copyB = findById(v1.id()).orElseThrow();
    copyA.rename("First writer");
    save(copyA);

    copyB.rename("Second writer");
    assertThatThrownBy(() -> save(copyB)).isInstanceOf(ConcurrentModificationException.class);

    Terminal found = findById(v1.id()).orElseThrow();
    assertThat(found.name()).isEqualTo("First writer");
    assertThat(found.version()).isEqualTo(2);
  }

  @Test
  void save_newTerminalWithATakenId_throwsConcurrentModification() {
    save(TerminalFixture.terminal("till-a"));

    Terminal again = TerminalFixture.builder(TerminalId.of("till-a")).name("Impostor").build();

    assertThatThrownBy(() -> save(again)).isInstanceOf(ConcurrentModificationException.class);
    assertThat(findById(again.id()).orElseThrow().name()).isNotEqualTo("Impostor");
  }

  @Test
  void findById_unknown_isEmpty() {
    assertThat(findById(TerminalId.of("nope"))).isEmpty();
  }

  @Test
  void findByDeviceId_findsTheTerminalWithThatDevice() {
    save(TerminalFixture.builder(TerminalId.of("till-a")).deviceId("dev-a").build());
    save(TerminalFixture.builder(TerminalId.of("till-b")).deviceId("dev-b").build());

    assertThat(findByDeviceId("dev-b").orElseThrow().id()).isEqualTo(TerminalId.of("till-b"));
    assertThat(findByDeviceId("dev-c")).isEmpty();
  }

  @Test
  void list_pagesThroughAllTerminalsOrderedById() {
    for (String id : List.of("t-05", "t-01", "t-04", "t-02", "t-03")) {
      save(TerminalFixture.terminal(id));
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<Terminal> page = list(null, cursor, 2);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(t -> seen.add(t.id().value()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen).containsExactly("t-01", "t-02", "t-03", "t-04", "t-05");
  }

  @Test
  void list_lastPartialPage_hasNoCursor() {
    for (String id : List.of("t-1", "t-2", "t-3")) {
      save(TerminalFixture.terminal(id));
    }

    Page<Terminal> first = list(null, null, 2);
    Page<Terminal> second = list(null, first.nextCursor(), 2);

    assertThat(first.nextCursor()).isNotNull();
    assertThat(second.items()).extracting(t -> t.id().value()).containsExactly("t-3");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void list_byStore_returnsOnlyThatStore() {
    save(TerminalFixture.builder(TerminalId.of("a-1")).storeId("north").build());
    save(TerminalFixture.builder(TerminalId.of("a-2")).storeId("south").build());
    save(TerminalFixture.builder(TerminalId.of("a-3")).storeId("north").build());
    save(TerminalFixture.builder(TerminalId.of("a-4")).build());

    Page<Terminal> page = list("north", null, 10);

    assertThat(page.items()).extracting(t -> t.id().value()).containsExactly("a-1", "a-3");
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void all_returnsEveryTerminalOrderedById() {
    save(TerminalFixture.terminal("b"));
    save(TerminalFixture.terminal("a"));

    assertThat(tx(() -> terminals.all())).extracting(t -> t.id().value()).containsExactly("a", "b");
  }

  @Test
  void delete_removesTheTerminalOnce() {
    save(TerminalFixture.terminal("till-a"));

    assertThat(delete(TerminalId.of("till-a"))).isTrue();
    assertThat(delete(TerminalId.of("till-a"))).isFalse();
    assertThat(findById(TerminalId.of("till-a"))).isEmpty();
  }

  @Test
  void findById_returnsAnIndependentCopy() {
    save(TerminalFixture.terminal("till-a"));

    Terminal loaded = findById(TerminalId.of("till-a")).orElseThrow();
    loaded.rename("Changed but not saved");

    assertThat(findById(TerminalId.of("till-a")).orElseThrow().name())
        .isNotEqualTo("Changed but not saved");
  }

  private Terminal save(Terminal t) {
    return tx(() -> terminals.save(t));
  }

  private Optional<Terminal> findById(TerminalId id) {
    return tx(() -> terminals.findById(id));
  }

  private Optional<Terminal> findByDeviceId(String deviceId) {
    return tx(() -> terminals.findByDeviceId(deviceId));
  }

  private Page<Terminal> list(String storeId, String cursor, int limit) {
    return tx(() -> terminals.list(storeId, cursor, limit));
  }

  private boolean delete(TerminalId id) {
    return tx(() -> terminals.delete(id));
  }

  /** Compares every persistent field except the version. */
  protected static void assertSameState(Terminal actual, Terminal expected) {
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.host()).isEqualTo(expected.host());
    assertThat(actual.port()).isEqualTo(expected.port());
    assertThat(actual.transport()).isEqualTo(expected.transport());
    assertThat(actual.encryption()).isEqualTo(expected.encryption());
    assertThat(actual.posKey()).isEqualTo(expected.posKey());
    assertThat(actual.model()).isEqualTo(expected.model());
    assertThat(actual.appVersion()).isEqualTo(expected.appVersion());
    assertThat(actual.storeId()).isEqualTo(expected.storeId());
    assertThat(actual.deviceId()).isEqualTo(expected.deviceId());
    assertThat(actual.tcpFraming()).isEqualTo(expected.tcpFraming());
    assertThat(actual.status()).isEqualTo(expected.status());
    assertThat(actual.statusDetail()).isEqualTo(expected.statusDetail());
    assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
    assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
  }
}
