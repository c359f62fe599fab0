package io.ecrhub.ecr.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keep-alive reuse for print/query/cancel; trades and refunds always on a fresh connection. */
class KeepAliveTest extends ChannelFixture {

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP"})
  void consecutiveQueries_reuseOneKeepAliveConnection(Transport transport) throws Exception {
    FakeTerminal t = fake(transport, req -> FakeTerminal.ok(Map.of("syssn", "1")));
    TerminalEndpoint e = endpoint(transport, t.port());

    for (int i = 0; i < 3; i++) {
      assertThat(await(channel().send(e, query()))).isInstanceOf(TerminalOutcome.Approved.class);
    }

    assertThat(t.funcTypes()).containsExactly(4001, 4001, 4001);
    assertThat(t.connections()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP"})
  void trades_neverTakeAPooledConnection(Transport transport) throws Exception {
    FakeTerminal t = fake(transport, req -> FakeTerminal.ok(Map.of("syssn", "1")));
    TerminalEndpoint e = endpoint(transport, t.port());

    await(channel().send(e, query()));
    await(channel().send(e, pay("o-1")));
    await(channel().send(e, refund()));

    assertThat(t.funcTypes()).containsExactly(4001, 1001, 1002);
    assertThat(t.connections()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP"})
  void stalePooledConnection_queryIsRetriedOnceOnAFreshConnection(Transport transport)
      throws Exception {
    FakeTerminal t = fake(transport, req -> FakeTerminal.ok(Map.of("syssn", "1")));
    TerminalEndpoint e = endpoint(transport, t.port());
    await(channel().send(e, query()));
    t.dropReusedConnections = true;

    TerminalOutcome second = await(channel().send(e, query()));

    assertThat(second).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(t.funcTypes()).containsExactly(4001, 4001);
    assertThat(t.rawRequests()).hasSize(3);
    assertThat(t.connections()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP"})
  void tradeClosedWithoutAnswer_isUnknownAndNeverResent(Transport transport) throws Exception {
    FakeTerminal t = fake(transport, req -> new FakeTerminal.CloseSilently());

    TerminalOutcome o = await(channel().send(endpoint(transport, t.port()), pay("o-1")));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(t.rawRequests()).hasSize(1);
  }
}
