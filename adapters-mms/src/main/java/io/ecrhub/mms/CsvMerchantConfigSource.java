package io.ecrhub.mms;

import io.ecrhub.domain.merchant.ConfigSnapshot;
import io.ecrhub.domain.merchant.ConfigSourceException;
import io.ecrhub.domain.merchant.MerchantConfigSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * MMS "POS Key List" exported as CSV (a file on disk or an uploaded body). Header names are matched
 * tolerantly (device id / serial / terminal id, name, pos key, https, encryption, ip); rows are
 * numbered as a spreadsheet shows them (the header is row 1).
 */
public final class CsvMerchantConfigSource implements MerchantConfigSource {
  private final String name;
  private final Supplier<byte[]> content;
  private final ImportOptions options;

  private CsvMerchantConfigSource(String name, Supplier<byte[]> content, ImportOptions options) {
    this.name = name;
    this.content = content;
    this.options = Objects.requireNonNull(options);
  }

  /** Reads {@code file} on every fetch. */
  public static CsvMerchantConfigSource file(Path file, ImportOptions options) {
    return new CsvMerchantConfigSource(
        "csv:" + file, () -> Sources.readFile(file, options.maxBytes()), options);
  }

  /** An uploaded body; {@code label} names it in the audit log (e.g. the upload's file name). */
  public static CsvMerchantConfigSource upload(String label, byte[] body, ImportOptions options) {
    byte[] copy = body.clone();
    Sources.checkSize(copy.length, options.maxBytes());
    return new CsvMerchantConfigSource("upload:" + label, () -> copy, options);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ConfigSnapshot fetch() {
    String text = CsvReader.decode(content.get());
    List<List<String>> records;
    try {
      records = CsvReader.parse(text, CsvReader.delimiter(text));
    } catch (IllegalArgumentException e) {
      throw ConfigSourceException.invalid("not a readable CSV file: " + e.getMessage());
    }
    int headerIndex = 0;
    while (headerIndex < records.size() && CsvReader.isBlank(records.get(headerIndex))) {
      headerIndex++;
    }
    if (headerIndex == records.size()) {
      throw ConfigSourceException.invalid("the file is empty");
    }
    List<String> header = records.get(headerIndex);
    Map<Integer, Field> columns = columns(header);
    RowValidator v = new RowValidator(options);
    for (int r = headerIndex + 1; r < records.size(); r++) {
      List<String> rec = records.get(r);
      if (CsvReader.isBlank(rec)) {
        continue;
      }
      int row = r + 1;
      if (rec.size() > header.size() && !trailingBlank(rec, header.size())) {
        v.unreadableRow(
            row,
            "row "
                + row
                + " has "
                + rec.size()
                + " fields; the header has "
                + header.size()
                + " (an unquoted delimiter inside a value?)");
        continue;
      }
      Map<Field, String> values = new EnumMap<>(Field.class);
      columns.forEach((i, f) -> values.put(f, i < rec.size() ? rec.get(i) : ""));
      v.row(row, values);
    }
    return v.snapshot(name);
  }

  private static boolean trailingBlank(List<String> rec, int from) {
    return rec.subList(from, rec.size()).stream().allMatch(String::isBlank);
  }

  private static Map<Integer, Field> columns(List<String> header) {
    Map<Integer, Field> columns = new java.util.LinkedHashMap<>();
    Map<Field, Integer> seen = new EnumMap<>(Field.class);
    for (int i = 0; i < header.size(); i++) {
      int col = i;
      Field.fromHeader(header.get(i))
          .ifPresent(
              f -> {
                if (seen.putIfAbsent(f, col) != null) {
                  throw ConfigSourceException.invalid(
                      "two columns mean "
                          + f.label()
                          + ": '"
                          + header.get(seen.get(f))
                          + "' and '"
                          + header.get(col)
                          + "'");
                }
                columns.put(col, f);
              });
    }
    List<String> missing = new ArrayList<>();
    for (Field f : Field.values()) {
      if (f.required() && !seen.containsKey(f)) {
        missing.add(f.label());
      }
    }
    if (!missing.isEmpty()) {
      throw ConfigSourceException.invalid(
          "not a POS Key List: missing column(s) " + missing + "; the header has " + header);
    }
    return columns;
  }
}
