package io.ecrhub.bench;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: throughput of the wire codec for a payment (1001): encoding the AES-encrypted request and
 * decoding an approved answer as the simulator sends it (plain envelope, {@code data} as a JSON
 * string), plus the encrypted-response variant the docs describe. Run: {@code java -jar
 * bench/target/ecrhub-bench.jar EcrCodecBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EcrCodecBench {
  private static final String KEY = "0123456789abcdef0123456789abcdef";

  private Map<String, Object> payment;
  private byte[] plainAnswer;
  private byte[] encryptedAnswer;

  @Setup
  public void setUp() throws EcrCodecException {
    payment = EcrFunction.content(BenchSupport.pay("order-20261126-000123"));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("respcd", "0000");
    data.put("syssn", "20261126155400087645770447");
    data.put("out_trade_no", "order-20261126-000123");
    data.put("txamt", "10.00");
    data.put("txcurrcd", "HKD");
    data.put("cardscheme", "VISA");
    data.put("cardno", "411111******1111");
    data.put("txdtm", "2026-11-26 15:54:00");
    EcrResponse answer = new EcrResponse("6000", "success", "", data);
    plainAnswer = EcrCodec.encodeResponse(answer, KEY, false).getBytes(StandardCharsets.UTF_8);
    encryptedAnswer = EcrCodec.encodeResponse(answer, KEY, true).getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public String encodeEncryptedPayment() throws EcrCodecException {
    return EcrCodec.encodeRequest(payment, KEY, true);
  }

  @Benchmark
  public EcrResponse decodePlainAnswer() throws EcrCodecException {
    return EcrCodec.decodeResponse(plainAnswer, KEY);
  }

  @Benchmark
  public EcrResponse decodeEncryptedAnswer() throws EcrCodecException {
    return EcrCodec.decodeResponse(encryptedAnswer, KEY);
  }
}
