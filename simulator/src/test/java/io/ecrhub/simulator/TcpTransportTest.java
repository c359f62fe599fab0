package io.ecrhub.simulator;

import static io.ecrhub.simulator.EcrTestClient.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpTransportTest {
  private TerminalSimulator sim;
  private SimulatedTerminal terminal;

  @BeforeEach
  void start() {
    sim = TerminalSimulator.start(SimulatorConfig.single());
    terminal = sim.terminal(0);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** Writes {@code request}, optionally half-closes, reads the answer until the server closes. */
  private byte[] exchange(String request, boolean halfClose) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", terminal.tcpPort()), 30_000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      InputStream in = s.getInputStream();
      return in.readAllBytes();
    }
  }

  private String encrypted(Map<String, ?> content) throws Exception {
    String quoted = EcrCodec.encodeRequest(content, terminal.posKey(), true);
    return quoted.substring(1, quoted.length() - 1);
  }

  @Test
  void bareBase64_endedByHalfClose_isAnsweredWithTheEnvelope() throws Exception {
    byte[] answer = exchange(encrypted(trade("12", "wx", "tcp-1")), true);

    EcrResponse r = EcrCodec.decodeResponse(answer, terminal.posKey());
    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(r.data()).containsEntry("out_trade_no", "tcp-1");
    assertThat(terminal.exchanges()).extracting(Exchange::transport).containsExactly("tcp");
  }

  @Test
  void bareBase64_endedByNewline_isAnswered() throws Exception {
    byte[] answer = exchange(encrypted(Map.of("func_type", 3002)) + "\n", false);

    assertThat(EcrCodec.decodeResponse(answer, terminal.posKey()).respcd()).isEqualTo("6000");
    assertThat(terminal.receipts()).hasSize(1);
  }

  @Test
  void jsonQuotedBase64_isAnswered() throws Exception {
    String quoted = EcrCodec.encodeRequest(Map.of("func_type", 3002), terminal.posKey(), true);

    byte[] answer = exchange(quoted, true);

    assertThat(EcrCodec.decodeResponse(answer, terminal.posKey()).respcd()).isEqualTo("6000");
  }

  @Test
  void garbage_isAnswered5001() throws Exception {
    byte[] answer = exchange("definitely not a request", true);

    assertThat(EcrCodec.decodeResponse(answer, terminal.posKey()).respcd()).isEqualTo("5001");
  }

  @Test
  void unknownFuncType_isAnswered4006() throws Exception {
    byte[] answer = exchange(encrypted(Map.of("func_type", 9999)), true);

    assertThat(EcrCodec.decodeResponse(answer, terminal.posKey()).respcd()).isEqualTo("4006");
  }

  @Test
  void extensionPoint_handlesABodyWithoutATransport() throws Exception {
    String quoted = EcrCodec.encodeRequest(Map.of("func_type", 3002), terminal.posKey(), true);

    String answer = terminal.handleRequest("serial", quoted).get().orElseThrow();

    assertThat(
            EcrCodec.decodeResponse(answer.getBytes(StandardCharsets.UTF_8), terminal.posKey())
                .respcd())
        .isEqualTo("6000");
    assertThat(terminal.exchanges()).extracting(Exchange::transport).containsExactly("serial");
  }
}
