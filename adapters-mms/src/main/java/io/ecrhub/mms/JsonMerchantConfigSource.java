package io.ecrhub.mms;

import io.ecrhub.domain.merchant.ConfigSnapshot;
import io.ecrhub.domain.merchant.MerchantConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * MMS "POS Key List" as JSON (a file on disk or an uploaded body): an array of device objects, or
 * an object holding one under {@code devices}/{@code data}/{@code items}/...; property names are
 * matched as tolerantly as CSV headers. Rows are the elements' 1-based positions.
 */
public final class JsonMerchantConfigSource implements MerchantConfigSource {
  private final String name;
  private final Supplier<byte[]> content;
  private final ImportOptions options;

  private JsonMerchantConfigSource(String name, Supplier<byte[]> content, ImportOptions options) {
    this.name = name;
    this.content = content;
    this.options = Objects.requireNonNull(options);
  }

  /** Reads {@code file} on every fetch. */
  public static JsonMerchantConfigSource file(Path file, ImportOptions options) {
    return new JsonMerchantConfigSource(
        "json:" + file, () -> Sources.readFile(file, options.maxBytes()), options);
  }

  /** An uploaded body; {@code label} names it in the audit log. */
  public static JsonMerchantConfigSource upload(String label, byte[] body, ImportOptions options) {
    byte[] copy = body.clone();
    Sources.checkSize(copy.length, options.maxBytes());
    return new JsonMerchantConfigSource("upload:" + label, () -> copy, options);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ConfigSnapshot fetch() {
    return JsonRows.read(name, content.get(), null, Map.of(), options);
  }
}
