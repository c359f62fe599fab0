package io.ecrhub.simulator;

import static io.ecrhub.simulator.EcrTestClient.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrResponse;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The raw TCP port speaking the USB link framing (protocol doc §2.3) when a connection starts with
 * {@code 2F 6E 01}. The client here builds and reads frames by hand, independently of the hub's
 * codec.
 */
class TcpUsbFrameTransportTest {
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

  /** One frame off the wire. */
  record Frame(int type, int reference, int totalDataLength, byte[] data) {}

  /** A client connection to the terminal's TCP port. */
  private final class Client implements AutoCloseable {
    private final Socket socket = new Socket();
    private final DataInputStream in;

    Client() throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", terminal.tcpPort()), 30_000);
      socket.setSoTimeout(30_000);
      in = new DataInputStream(socket.getInputStream());
    }

    void send(byte[] bytes) throws IOException {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    }

    /** The next frame, or null once the terminal closed the connection. */
    Frame next() throws IOException {
      byte[] h = new byte[9];
      try {
        in.readFully(h);
      } catch (EOFException e) {
        return null;
      }
      assertThat(Arrays.copyOf(h, 3)).containsExactly(0x2F, 0x6E, 0x01);
      int total = (h[5] & 0xFF) << 8 | h[6] & 0xFF;
      byte[] rest = new byte[total - 9];
      in.readFully(rest);
      assertThat(Arrays.copyOfRange(rest, rest.length - 2, rest.length))
          .containsExactly(0x2F, 0x6E);
      return new Frame(
          h[3] & 0xFF,
          h[4] & 0xFF,
          (h[7] & 0xFF) << 8 | h[8] & 0xFF,
          Arrays.copyOf(rest, rest.length - 2));
    }

    /** The fragments of the next 0x10 message, read until their data adds up to the total. */
    List<Frame> message() throws IOException {
      List<Frame> frames = new ArrayList<>();
      int received = 0;
      do {
        Frame f = next();
        assertThat(f).isNotNull();
        assertThat(f.type()).isEqualTo(0x10);
        frames.add(f);
        received += f.data().length;
      } while (received < frames.getFirst().totalDataLength());
      return frames;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static byte[] frame(int type, int reference, int totalDataLength, byte[] data) {
    int total = data.length + 11;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {0x2F, 0x6E, 0x01, (byte) type, (byte) reference});
    b.writeBytes(new byte[] {(byte) (total >> 8), (byte) total});
    b.writeBytes(new byte[] {(byte) (totalDataLength >> 8), (byte) totalDataLength});
    b.writeBytes(data);
    b.writeBytes(new byte[] {0x2F, 0x6E});
    return b.toByteArray();
  }

  private static byte[] joined(List<Frame> fragments) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    fragments.forEach(f -> b.writeBytes(f.data()));
    return b.toByteArray();
  }

  private byte[] bareBase64(Map<String, ?> content) throws Exception {
    String quoted = EcrCodec.encodeRequest(content, terminal.posKey(), true);
    return quoted.substring(1, quoted.length() - 1).getBytes(StandardCharsets.US_ASCII);
  }

  private EcrResponse decode(byte[] body) throws Exception {
    return EcrCodec.decodeResponse(body, terminal.posKey());
  }

  private static void assertSignal(Frame f, int type, int reference) {
    assertThat(f).isNotNull();
    assertThat(f.type()).isEqualTo(type);
    assertThat(f.reference()).isEqualTo(reference);
    assertThat(f.data()).isEmpty();
  }

  /** Sends {@code data} as one request frame; the result's fragments, acknowledged. */
  private List<Frame> exchange(byte[] data, int reference) throws Exception {
    try (Client c = new Client()) {
      c.send(frame(0x10, reference, data.length, data));
      assertSignal(c.next(), 0x20, reference);
      List<Frame> result = c.message();
      c.send(frame(0x20, result.getFirst().reference(), 0, new byte[0]));
      assertThat(c.next()).isNull();
      return result;
    }
  }

  @Test
  void requestFrame_isAcknowledged_answeredAsAResultMessage_andClosedOnceAcknowledged()
      throws Exception {
    try (Client c = new Client()) {
      byte[] data = bareBase64(trade("12", "wx", "usb-1"));
      c.send(frame(0x10, 5, data.length, data));

      assertSignal(c.next(), 0x20, 5);
      List<Frame> result = c.message();
      assertThat(result).hasSize(1);
      EcrResponse r = decode(result.getFirst().data());
      assertThat(r.respcd()).isEqualTo("6000");
      assertThat(r.data()).containsEntry("out_trade_no", "usb-1");

      c.send(frame(0x20, result.getFirst().reference(), 0, new byte[0]));
      assertThat(c.next()).isNull();
    }
    assertThat(terminal.tcpUsbResultsAcknowledged()).isEqualTo(1);
    assertThat(terminal.exchanges()).extracting(Exchange::transport).containsExactly("tcp-usb");
  }

  @Test
  void requestInFragments_isJoinedBeforeItIsAcknowledged() throws Exception {
    byte[] data = bareBase64(trade("3", "wx", "usb-frag"));
    byte[] first = Arrays.copyOf(data, 40);
    byte[] second = Arrays.copyOfRange(data, 40, data.length);

    try (Client c = new Client()) {
      c.send(frame(0x10, 9, data.length, first));
      c.send(frame(0x10, 9, data.length, second));

      assertSignal(c.next(), 0x20, 9);
      assertThat(decode(joined(c.message())).respcd()).isEqualTo("6000");
    }
    assertThat(terminal.transactions()).extracting(SimTransaction::outTradeNo).contains("usb-frag");
  }

  @Test
  void answerOver1024Bytes_comesInFragmentsCarryingTheTotal() throws Exception {
    String message = "card declined by the issuer; ask the customer for another card. ".repeat(8);
    terminal.declineNext(message);

    List<Frame> answer = exchange(bareBase64(trade("16", "wx", "usb-long")), 2);

    int total = answer.getFirst().totalDataLength();
    assertThat(total).isGreaterThan(1024);
    assertThat(answer).hasSize((total + 1023) / 1024);
    assertThat(answer)
        .allSatisfy(
            f -> {
              assertThat(f.totalDataLength()).isEqualTo(total);
              assertThat(f.reference()).isEqualTo(answer.getFirst().reference());
              assertThat(f.data().length).isLessThanOrEqualTo(1024);
            });
    EcrResponse r = decode(joined(answer));
    assertThat(r.respcd()).isEqualTo("6002");
    assertThat(r.message()).isEqualTo(message);
  }

  @Test
  void emptyRequest_isAnsweredWithADataFormatError() throws Exception {
    try (Client c = new Client()) {
      c.send(frame(0x10, 7, 0, new byte[0]));

      assertSignal(c.next(), 0x34, 7);
    }
    assertThat(terminal.exchanges()).isEmpty();
  }

  @Test
  void droppedRequest_isAcknowledged_thenTheConnectionClosesWithoutAResult() throws Exception {
    terminal.setFault(Fault.dropAfterApprove());

    try (Client c = new Client()) {
      byte[] data = bareBase64(trade("4", "wx", "usb-drop"));
      c.send(frame(0x10, 3, data.length, data));

      assertSignal(c.next(), 0x20, 3);
      assertThat(c.next()).isNull();
    }
    assertThat(terminal.transactions())
        .singleElement()
        .satisfies(t -> assertThat(t.outTradeNo()).isEqualTo("usb-drop"));
  }
}
