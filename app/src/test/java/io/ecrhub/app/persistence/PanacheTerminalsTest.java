package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Transport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PanacheTerminalsTest {
  @Inject PanacheTerminals terminals;
  @Inject EntityManager em;

  static Terminal newTerminal(String id) {
    return Terminal.builder()
        .id(TerminalId.of(id))
        .name("Till")
        .host("10.1.2.3")
        .transport(Transport.HTTPS)
        .posKey(PosKey.of(Api.POS_KEY))
        .storeId("store-a")
        .createdAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .build();
  }

  @Test
  void newTerminal_isStoredAsVersion1_andReadBackEqual() {
    String id = Api.unique("t");
    Terminal saved = terminals.save(newTerminal(id));

    assertThat(saved.version()).isEqualTo(1);
    Terminal loaded = terminals.findById(TerminalId.of(id)).orElseThrow();
    assertThat(loaded.posKey()).isEqualTo(PosKey.of(Api.POS_KEY));
    assertThat(loaded.host()).isEqualTo("10.1.2.3");
    assertThat(loaded.port()).isEqualTo(9001);
    assertThat(loaded.storeId()).contains("store-a");
    assertThat(loaded.createdAt()).isEqualTo(saved.createdAt());
    assertThat(loaded.version()).isEqualTo(1);
  }

  @Test
  void posKey_isSealedAtRest() {
    String id = Api.unique("t");
    terminals.save(newTerminal(id));
    String stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (String)
                        em.createNativeQuery("SELECT pos_key_sealed FROM terminal WHERE id = ?1")
                            .setParameter(1, id)
                            .getSingleResult());
    assertThat(stored).startsWith("v2:").doesNotContain(Api.POS_KEY).doesNotContain("a1b2c3d4");
  }

  @Test
  void saveOfVersionV_storesVPlus1() {
    String id = Api.unique("t");
    Terminal v1 = terminals.save(newTerminal(id));
    v1.observe(TerminalStatus.ONLINE, null, Instant.now());
    Terminal v2 = terminals.save(v1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.status()).isEqualTo(TerminalStatus.ONLINE);
    assertThat(terminals.save(v2).version()).isEqualTo(3);
  }

  @Test
  void staleSave_isAConcurrentModification() {
    String id = Api.unique("t");
    Terminal v1 = terminals.save(newTerminal(id));
    Terminal copyA = terminals.findById(v1.id()).orElseThrow();
    Terminal copyB = terminals.findById(v1.id()).orElseThrow();
    copyA.rename("A");
    terminals.save(copyA);
    copyB.rename("B");

    assertThatThrownBy(() -> terminals.save(copyB))
        .isInstanceOf(ConcurrentModificationException.class);
    assertThat(terminals.findById(v1.id()).orElseThrow().name()).isEqualTo("A");
  }

  @Test
  void insertingAnExistingId_isAConcurrentModification() {
    String id = Api.unique("t");
    terminals.save(newTerminal(id));
    assertThatThrownBy(() -> terminals.save(newTerminal(id)))
        .isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void findByDeviceId_findsTheTerminal() {
    String id = Api.unique("t");
    String device = Api.unique("dev");
    Terminal t = newTerminal(id);
    t.setDeviceId(device);
    terminals.save(t);
    assertThat(terminals.findByDeviceId(device)).map(x -> x.id().value()).contains(id);
    assertThat(terminals.findByDeviceId(Api.unique("none"))).isEmpty();
  }

  @Test
  void delete_removesTheRow() {
    String id = Api.unique("t");
    terminals.save(newTerminal(id));
    assertThat(terminals.delete(TerminalId.of(id))).isTrue();
    assertThat(terminals.findById(TerminalId.of(id))).isEmpty();
    assertThat(terminals.delete(TerminalId.of(id))).isFalse();
  }
}
