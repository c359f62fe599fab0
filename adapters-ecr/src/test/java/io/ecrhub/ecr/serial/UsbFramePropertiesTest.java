package io.ecrhub.ecr.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Framing round trips for arbitrary frames and arbitrary read boundaries. */
class UsbFramePropertiesTest {

  @Property(tries = 200)
  void framesSurviveAnyChunking(
      @ForAll("frames") List<UsbFrame> frames, @ForAll @IntRange(min = 1, max = 300) int chunk) {
    byte[] wire = wire(frames);
    EmbeddedChannel ch = new EmbeddedChannel(new UsbFrameDecoder());
    for (int off = 0; off < wire.length; off += chunk) {
      ch.writeInbound(Unpooled.wrappedBuffer(wire, off, Math.min(chunk, wire.length - off)));
    }
    List<UsbFrame> got = new ArrayList<>();
    UsbFrame f;
    while ((f = ch.readInbound()) != null) {
      got.add(f);
    }
    ch.finishAndReleaseAll();
    assertThat(got).containsExactlyElementsOf(frames);
  }

  @Property(tries = 200)
  void splitThenReassembleIsIdentity(
      @ForAll @Size(max = 5000) byte[] data, @ForAll @IntRange(min = 1, max = 1024) int fragment) {
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new UsbFrameDecoder(),
            new UsbReassembler(Duration.ofMillis(500), 960, 65535, () -> 0L));
    ch.writeInbound(
        Unpooled.wrappedBuffer(
            wire(UsbFragmenter.split(UsbPacketType.REQUEST, 1, data, fragment))));
    UsbInbound.Message m = ch.readInbound();
    ch.finishAndReleaseAll();
    assertThat(m.data()).isEqualTo(data);
  }

  @Property(tries = 500)
  void arbitraryBytesOnlyEverRaiseFramingExceptions(@ForAll("noise") byte[] noise) {
    EmbeddedChannel ch = new EmbeddedChannel(new UsbFrameDecoder(4096));
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(noise));
    } catch (CorruptedFrameException | TooLongFrameException expected) {
      // reported, decoding resynchronised
    }
    Object o;
    while ((o = ch.readInbound()) != null) {
      assertThat(o).isInstanceOf(UsbFrame.class);
    }
    ch.finishAndReleaseAll();
  }

  @Provide
  Arbitrary<byte[]> noise() {
    Arbitrary<byte[]> marker =
        Arbitraries.of(new byte[] {0x2F, 0x6E, 0x01}, new byte[] {0x2F, 0x6E});
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    return Arbitraries.oneOf(marker, random)
        .list()
        .ofMaxSize(30)
        .map(
            parts -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              parts.forEach(out::writeBytes);
              return out.toByteArray();
            });
  }

  @Provide
  Arbitrary<List<UsbFrame>> frames() {
    Arbitrary<UsbPacketType> types = Arbitraries.of(UsbPacketType.class);
    Arbitrary<Integer> refs = Arbitraries.integers().between(0, 0x7F);
    // data biased towards the end marker and the start-marker-plus-version sequence
    Arbitrary<byte[]> data =
        Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(50),
                Arbitraries.just(new byte[] {0x2F, 0x6E}),
                Arbitraries.just(new byte[] {0x2F, 0x6E, 0x01, 0x10, 0x01, 0x00, 0x0B}))
            .list()
            .ofMaxSize(8)
            .map(
                parts -> {
                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                  parts.forEach(out::writeBytes);
                  return out.toByteArray();
                });
    return Combinators.combine(types, refs, data)
        .as((t, r, d) -> UsbFrame.whole(t, r, d))
        .list()
        .ofMaxSize(6);
  }

  private static byte[] wire(List<UsbFrame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frames.forEach(f -> out.writeBytes(UsbFrameEncoder.toBytes(f)));
    return out.toByteArray();
  }
}
