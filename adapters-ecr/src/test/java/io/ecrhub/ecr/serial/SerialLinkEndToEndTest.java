package io.ecrhub.ecr.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fazecast.jSerialComm.SerialPort;
import io.ecrhub.ecr.channel.SerialExchange.SerialLinkException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ends of the USB-serial link over a real pseudo-terminal pair (socat), through jSerialComm.
 */
class SerialLinkEndToEndTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @TempDir Path dir;
  private SocatPtyPair pty;
  private JSerialCommExchange ecr;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    pty = new SocatPtyPair(dir);
    ecr = new JSerialCommExchange();
  }

  @AfterEach
  void tearDown() throws Exception {
    ecr.close();
    for (AutoCloseable c : toClose) {
      c.close();
    }
    pty.close();
  }

  private SerialTerminalEndpoint pos(
      Function<byte[], CompletableFuture<byte[]>> handler, SerialTerminalEndpoint.Listener l)
      throws Exception {
    SerialTerminalEndpoint p =
        SerialTerminalEndpoint.open(pty.pos.toString(), handler, Duration.ofSeconds(10), l);
    toClose.add(p);
    return p;
  }

  private static byte[] payload(int n) {
    byte[] b = new byte[n];
    Random r = new Random(n);
    for (int i = 0; i < n; i++) {
      // Base64-like text with the end marker sprinkled in
      b[i] = (byte) (i % 37 == 0 ? '/' : i % 37 == 1 ? 'n' : 'A' + r.nextInt(26));
    }
    return b;
  }

  private static SerialLinkException linkFailure(CompletableFuture<byte[]> f) {
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(SerialLinkException.class);
    return (SerialLinkException) e.getCause();
  }

  @Test
  void requestIsAcknowledgedAndTheResultComesBack() throws Exception {
    CompletableFuture<Integer> acked = new CompletableFuture<>();
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    pos(
        req -> {
          seen.add(new String(req, StandardCharsets.UTF_8));
          return CompletableFuture.completedFuture(
              "{\"respcd\":\"6000\",\"respmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
        },
        new SerialTerminalEndpoint.Listener() {
          @Override
          public void resultAcknowledged(int reference) {
            acked.complete(reference);
          }
        });
    String body =
        "\"XczeNuwMCct+IaXZ00lv7H3Q5alZd7lIXI7v3FixqikZe+SY96RBdR77gWNKpF6wtS9LI/nOPYn5\"";
    byte[] result =
        ecr.exchange(pty.ecr.toString(), body.getBytes(StandardCharsets.UTF_8), GENEROUS, GENEROUS)
            .get(60, TimeUnit.SECONDS);
    assertThat(new String(result, StandardCharsets.UTF_8))
        .isEqualTo("{\"respcd\":\"6000\",\"respmsg\":\"ok\"}");
    assertThat(seen).containsExactly(body);
    assertThat(acked.get(30, TimeUnit.SECONDS)).isEqualTo(1);
  }

  @Test
  void payloadsOver1024BytesAreSplitAndJoinedInBothDirections() throws Exception {
    byte[] request = payload(5000);
    byte[] response = payload(3333);
    CompletableFuture<byte[]> received = new CompletableFuture<>();
    pos(
        req -> {
          received.complete(req);
          return CompletableFuture.completedFuture(response);
        },
        new SerialTerminalEndpoint.Listener() {});
    byte[] result =
        ecr.exchange(pty.ecr.toString(), request, GENEROUS, GENEROUS).get(60, TimeUnit.SECONDS);
    assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(request);
    assertThat(result).isEqualTo(response);
  }

  @Test
  void consecutiveRequestsReuseThePortWithIncrementingReferences() throws Exception {
    List<Integer> acks = new ArrayList<>();
    CompletableFuture<List<Integer>> threeAcks = new CompletableFuture<>();
    pos(
        req -> CompletableFuture.completedFuture(("echo:" + new String(req)).getBytes()),
        new SerialTerminalEndpoint.Listener() {
          @Override
          public synchronized void resultAcknowledged(int reference) {
            acks.add(reference);
            if (acks.size() == 3) {
              threeAcks.complete(List.copyOf(acks));
            }
          }
        });
    for (int i = 0; i < 3; i++) {
      byte[] r =
          ecr.exchange(pty.ecr.toString(), ("req" + i).getBytes(), GENEROUS, GENEROUS)
              .get(60, TimeUnit.SECONDS);
      assertThat(new String(r)).isEqualTo("echo:req" + i);
    }
    assertThat(threeAcks.get(30, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
  }

  @Test
  void posSilent_noAcknowledgement_failsAsMayHaveReachedTerminal() throws Exception {
    SerialPort silent = openRaw(pty.pos);
    byte[] request = payload(2000);
    CompletableFuture<byte[]> f =
        ecr.exchange(pty.ecr.toString(), request, Duration.ofMillis(1000), GENEROUS);
    SerialLinkException e = linkFailure(f);
    assertThat(e.mayHaveReachedTerminal()).isTrue();
    assertThat(e.getMessage()).contains("no acknowledgement");
    // the request did reach the silent POS, split into fragments that carry the total
    List<UsbFrame> frames = readFrames(silent, 2000 + 2 * UsbFrame.OVERHEAD, 2);
    assertThat(frames).extracting(UsbFrame::dataLength).containsExactly(1024, 976);
    assertThat(frames).allSatisfy(fr -> assertThat(fr.totalDataLength()).isEqualTo(2000));
    assertThat(frames).extracting(UsbFrame::reference).containsOnly(1);
  }

  @Test
  void acknowledgedButNoResult_failsAsMayHaveReachedTerminal() throws Exception {
    CompletableFuture<byte[]> received = new CompletableFuture<>();
    pos(
        req -> {
          received.complete(req);
          return new CompletableFuture<>(); // the customer never taps
        },
        new SerialTerminalEndpoint.Listener() {});
    CompletableFuture<byte[]> f =
        ecr.exchange(pty.ecr.toString(), "pay".getBytes(), GENEROUS, Duration.ofSeconds(2));
    SerialLinkException e = linkFailure(f);
    assertThat(e.mayHaveReachedTerminal()).isTrue();
    assertThat(e.getMessage()).contains("acknowledged");
    assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo("pay".getBytes());
  }

  @Test
  void posRefusesThePacketWithValidationError_failsAsNotReached() throws Exception {
    SerialPort raw = openRaw(pty.pos);
    CompletableFuture<byte[]> f =
        ecr.exchange(pty.ecr.toString(), "x".getBytes(), GENEROUS, GENEROUS);
    UsbFrame req = readFrames(raw, 12, 1).get(0);
    byte[] refusal =
        UsbFrameEncoder.toBytes(UsbFrame.signal(UsbPacketType.VALIDATION_ERROR, req.reference()));
    raw.writeBytes(refusal, refusal.length);
    SerialLinkException e = linkFailure(f);
    assertThat(e.mayHaveReachedTerminal()).isFalse();
    assertThat(e.getMessage()).contains("0x32");
  }

  @Test
  void resultArrivingWithoutAnAcknowledgement_stillCompletesAndIsAcknowledged() throws Exception {
    SerialPort raw = openRaw(pty.pos);
    CompletableFuture<byte[]> f =
        ecr.exchange(pty.ecr.toString(), "q".getBytes(), GENEROUS, GENEROUS);
    readFrames(raw, 12, 1);
    byte[] result =
        UsbFrameEncoder.toBytes(UsbFrame.whole(UsbPacketType.REQUEST, 0x42, "R".getBytes()));
    raw.writeBytes(result, result.length);
    assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("R".getBytes());
    UsbFrame ack = readFrames(raw, 11, 1).get(0);
    assertThat(ack.type()).isEqualTo(UsbPacketType.ACK);
    assertThat(ack.reference()).isEqualTo(0x42);
  }

  @Test
  void secondRequestWhileOneIsOutstanding_isRefusedBeforeSending() throws Exception {
    pos(req -> new CompletableFuture<>(), new SerialTerminalEndpoint.Listener() {});
    CompletableFuture<byte[]> first =
        ecr.exchange(pty.ecr.toString(), "one".getBytes(), GENEROUS, GENEROUS);
    SerialLinkException e =
        linkFailure(ecr.exchange(pty.ecr.toString(), "two".getBytes(), GENEROUS, GENEROUS));
    assertThat(e.mayHaveReachedTerminal()).isFalse();
    assertThat(e.getMessage()).contains("outstanding");
    ecr.close();
    assertThat(linkFailure(first).mayHaveReachedTerminal()).isTrue();
  }

  @Test
  void portThatCannotBeOpened_failsAsNotSent() {
    SerialLinkException e =
        linkFailure(
            ecr.exchange(
                dir.resolve("no-such-tty").toString(), "x".getBytes(), GENEROUS, GENEROUS));
    assertThat(e.mayHaveReachedTerminal()).isFalse();
    assertThat(e.getMessage()).contains("no-such-tty");
  }

  @Test
  void endpointThatCannotOpenItsPort_throws() {
    assertThatThrownBy(
            () ->
                SerialTerminalEndpoint.open(
                    dir.resolve("missing").toString(), r -> CompletableFuture.completedFuture(r)))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void fragmentArrivingAfterTheReassemblyWindow_isAnsweredWithSplitError() throws Exception {
    List<byte[]> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
    pos(
        req -> {
          handled.add(req);
          return CompletableFuture.completedFuture("done".getBytes());
        },
        new SerialTerminalEndpoint.Listener() {});
    SerialPort rawEcr = openRaw(pty.ecr);
    write(rawEcr, new UsbFrame(UsbPacketType.REQUEST, 5, 20, "0123456789".getBytes()));
    // the stimulus is elapsed time itself: 500 ms window + ~22 ms line time of the next fragment
    Thread.sleep(800);
    write(rawEcr, new UsbFrame(UsbPacketType.REQUEST, 5, 20, "abcdefghij".getBytes()));
    UsbFrame answer = readFrames(rawEcr, 11, 1).get(0);
    assertThat(answer.type()).isEqualTo(UsbPacketType.SPLIT_ERROR);
    assertThat(answer.reference()).isEqualTo(5);
    // the link still works: a new message with the next reference is acknowledged and served
    write(rawEcr, UsbFrame.whole(UsbPacketType.REQUEST, 6, "again".getBytes()));
    List<UsbFrame> replies = readFrames(rawEcr, 11 + 15, 2);
    assertThat(replies.get(0)).isEqualTo(UsbFrame.signal(UsbPacketType.ACK, 6));
    assertThat(replies.get(1).type()).isEqualTo(UsbPacketType.REQUEST);
    assertThat(replies.get(1).data()).isEqualTo("done".getBytes());
    assertThat(handled).hasSize(1);
    assertThat(handled.get(0)).isEqualTo("again".getBytes());
  }

  @Test
  void emptyRequest_isAnsweredWithDataFormatError() throws Exception {
    pos(req -> CompletableFuture.completedFuture(req), new SerialTerminalEndpoint.Listener() {});
    SerialPort rawEcr = openRaw(pty.ecr);
    write(rawEcr, UsbFrame.signal(UsbPacketType.REQUEST, 9));
    assertThat(readFrames(rawEcr, 11, 1).get(0))
        .isEqualTo(UsbFrame.signal(UsbPacketType.DATA_FORMAT_ERROR, 9));
  }

  // ---- raw port helpers ----

  private static void write(SerialPort p, UsbFrame f) {
    byte[] b = UsbFrameEncoder.toBytes(f);
    assertThat(p.writeBytes(b, b.length)).isEqualTo(b.length);
  }

  private SerialPort openRaw(Path path) {
    SerialPort p = SerialPort.getCommPort(path.toString());
    p.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 500, 0);
    assertThat(p.openPort()).as("open " + path).isTrue();
    toClose.add(p::closePort);
    return p;
  }

  /** Reads until {@code frames} frames decoded (at least {@code minBytes}), within 30 s. */
  private static List<UsbFrame> readFrames(SerialPort p, int minBytes, int frames) {
    EmbeddedChannel decoder = new EmbeddedChannel(new UsbFrameDecoder());
    List<UsbFrame> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    byte[] buf = new byte[4096];
    int total = 0;
    while ((out.size() < frames || total < minBytes) && System.nanoTime() < deadline) {
      int n = p.readBytes(buf, buf.length);
      if (n > 0) {
        total += n;
        decoder.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
        UsbFrame f;
        while ((f = decoder.readInbound()) != null) {
          out.add(f);
        }
      }
    }
    decoder.finishAndReleaseAll();
    assertThat(out).as("frames read from the raw port").hasSizeGreaterThanOrEqualTo(frames);
    return out;
  }
}
