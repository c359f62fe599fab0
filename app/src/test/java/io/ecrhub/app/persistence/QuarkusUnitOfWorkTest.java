package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuarkusUnitOfWorkTest {
  @Inject UnitOfWork uow;
  @Inject Terminals terminals;

  @Test
  void exceptionInside_rollsBackAndReachesTheCallerUnchanged() {
    String id = Api.unique("t");
    DomainException boom = new DomainException("BOOM", "boom");
    assertThatThrownBy(
            () ->
                uow.run(
                    () -> {
                      terminals.save(PanacheTerminalsTest.newTerminal(id));
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(terminals.findById(TerminalId.of(id))).isEmpty();
  }

  @Test
  void work_isCommitted() {
    String id = Api.unique("t");
    uow.run(() -> terminals.save(PanacheTerminalsTest.newTerminal(id)));
    assertThat(terminals.findById(TerminalId.of(id))).isPresent();
  }
}
