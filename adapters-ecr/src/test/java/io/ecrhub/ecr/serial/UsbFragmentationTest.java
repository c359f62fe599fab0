package io.ecrhub.ecr.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Splitting into ≤ 1024-byte fragments and reassembly with the 500 ms window, on a fake clock. */
class UsbFragmentationTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private EmbeddedChannel ch = pipeline(0);

  private EmbeddedChannel pipeline(int bytesPerSecond) {
    return new EmbeddedChannel(
        new UsbFrameDecoder(),
        new UsbReassembler(Duration.ofMillis(500), bytesPerSecond, 65535, nanos::get));
  }

  @AfterEach
  void tearDown() {
    ch.finishAndReleaseAll();
  }

  static byte[] payload(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private void feed(UsbFrame f) {
    ch.writeInbound(Unpooled.wrappedBuffer(UsbFrameEncoder.toBytes(f)));
  }

  private Object next() {
    return ch.readInbound();
  }

  private void advanceMillis(long ms) {
    nanos.addAndGet(Duration.ofMillis(ms).toNanos());
  }

  @Test
  void split_makesFragmentsOfAtMost1024BytesEachCarryingTheTotal() {
    byte[] data = payload(2500);
    List<UsbFrame> frames = UsbFragmenter.split(UsbPacketType.REQUEST, 7, data, 1024);
    assertThat(frames).extracting(UsbFrame::dataLength).containsExactly(1024, 1024, 452);
    assertThat(frames)
        .allSatisfy(
            f -> {
              assertThat(f.totalDataLength()).isEqualTo(2500);
              assertThat(f.reference()).isEqualTo(7);
              assertThat(f.isFragment()).isTrue();
            });
    assertThat(UsbFragmenter.split(UsbPacketType.REQUEST, 7, payload(1024), 1024)).hasSize(1);
    assertThat(UsbFragmenter.split(UsbPacketType.REQUEST, 7, new byte[0], 1024))
        .singleElement()
        .satisfies(f -> assertThat(f.wireLength()).isEqualTo(11));
  }

  @Test
  void fragments_reassembleIntoOneMessage_evenWhenDeliveredByteByByte() {
    byte[] data = payload(3000);
    byte[] wire =
        UsbFrameCodecTest.concat(
            UsbFragmenter.split(UsbPacketType.REQUEST, 3, data, 1024).stream()
                .map(UsbFrameEncoder::toBytes)
                .toArray(byte[][]::new));
    for (byte b : wire) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    UsbInbound.Message m = ch.readInbound();
    assertThat(m.type()).isEqualTo(UsbPacketType.REQUEST);
    assertThat(m.reference()).isEqualTo(3);
    assertThat(m.data()).isEqualTo(data);
    assertThat(next()).isNull();
  }

  @Test
  void incompleteFragments_produceNothingYet() {
    List<UsbFrame> frames = UsbFragmenter.split(UsbPacketType.REQUEST, 4, payload(2100), 1024);
    feed(frames.get(0));
    feed(frames.get(1));
    assertThat(next()).isNull();
    feed(frames.get(2));
    assertThat(((UsbInbound.Message) ch.readInbound()).data()).hasSize(2100);
  }

  @Test
  void fragmentAfterTheWindow_isASplitError_andLaterMessagesStillWork() {
    List<UsbFrame> frames = UsbFragmenter.split(UsbPacketType.REQUEST, 9, payload(2500), 1024);
    feed(frames.get(0));
    advanceMillis(501);
    feed(frames.get(1));
    UsbInbound.ReassemblyFailed failed = ch.readInbound();
    assertThat(failed.reference()).isEqualTo(9);
    assertThat(failed.reason()).contains("after the reassembly window");
    feed(frames.get(2));
    assertThat(((UsbInbound.ReassemblyFailed) ch.readInbound()).reference()).isEqualTo(9);
    // the sender moves on to a new reference: that message is whole
    byte[] next = payload(1500);
    UsbFragmenter.split(UsbPacketType.REQUEST, 10, next, 1024).forEach(this::feed);
    assertThat(((UsbInbound.Message) ch.readInbound()).data()).isEqualTo(next);
  }

  @Test
  void fragmentJustInsideTheWindow_isJoined() {
    List<UsbFrame> frames = UsbFragmenter.split(UsbPacketType.REQUEST, 9, payload(2000), 1024);
    feed(frames.get(0));
    advanceMillis(500);
    feed(frames.get(1));
    assertThat(((UsbInbound.Message) ch.readInbound()).data()).hasSize(2000);
  }

  @Test
  void windowAllowsForTheFragmentsOwnTransferTimeAt9600Baud() {
    ch.finishAndReleaseAll();
    ch = pipeline(960);
    List<UsbFrame> frames = UsbFragmenter.split(UsbPacketType.REQUEST, 2, payload(2048), 1024);
    feed(frames.get(0));
    // a 1035-byte fragment needs ~1078 ms on the line; 1500 ms after the first is in time
    advanceMillis(1500);
    feed(frames.get(1));
    assertThat(((UsbInbound.Message) ch.readInbound()).data()).hasSize(2048);
    // but a pause of 500 ms plus the transfer time is too long
    List<UsbFrame> late = UsbFragmenter.split(UsbPacketType.REQUEST, 3, payload(2048), 1024);
    feed(late.get(0));
    advanceMillis(1700);
    feed(late.get(1));
    assertThat(next()).isInstanceOf(UsbInbound.ReassemblyFailed.class);
  }

  @Test
  void interleavedReferences_reassembleIndependently() {
    byte[] a = payload(1500);
    byte[] b = payload(1600);
    List<UsbFrame> fa = UsbFragmenter.split(UsbPacketType.REQUEST, 20, a, 1024);
    List<UsbFrame> fb = UsbFragmenter.split(UsbPacketType.REQUEST, 21, b, 1024);
    feed(fa.get(0));
    feed(fb.get(0));
    feed(fb.get(1));
    feed(fa.get(1));
    assertThat(((UsbInbound.Message) ch.readInbound()).data()).isEqualTo(b);
    assertThat(((UsbInbound.Message) ch.readInbound()).data()).isEqualTo(a);
  }

  @Test
  void fragmentsThatDisagreeOnTheTotal_areASplitError() {
    feed(new UsbFrame(UsbPacketType.REQUEST, 5, 2000, payload(1024)));
    feed(new UsbFrame(UsbPacketType.REQUEST, 5, 1900, payload(876)));
    assertThat(((UsbInbound.ReassemblyFailed) ch.readInbound()).reason()).contains("different");
  }

  @Test
  void fragmentsOverflowingTheTotal_areASplitError() {
    feed(new UsbFrame(UsbPacketType.REQUEST, 5, 1500, payload(1024)));
    feed(new UsbFrame(UsbPacketType.REQUEST, 5, 1500, payload(1024)));
    assertThat(((UsbInbound.ReassemblyFailed) ch.readInbound()).reason()).contains("exceed");
  }

  @Test
  void acknowledgementsPassStraightThrough() {
    feed(UsbFrame.signal(UsbPacketType.ACK, 6));
    feed(UsbFrame.signal(UsbPacketType.VALIDATION_ERROR, 7));
    assertThat(next()).isEqualTo(new UsbInbound.Message(UsbPacketType.ACK, 6, new byte[0]));
    assertThat(((UsbInbound.Message) ch.readInbound()).type())
        .isEqualTo(UsbPacketType.VALIDATION_ERROR);
  }

  @Test
  void referenceNumbersRun1To127AndWrap() {
    UsbFragmenter.References refs = new UsbFragmenter.References();
    assertThat(refs.next()).isEqualTo(1);
    for (int i = 2; i <= 0x7F; i++) {
      assertThat(refs.next()).isEqualTo(i);
    }
    assertThat(refs.next()).isEqualTo(1);
    assertThat(new UsbFragmenter.References(0x7E).next()).isEqualTo(0x7F);
  }
}
