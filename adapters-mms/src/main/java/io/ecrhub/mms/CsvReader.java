package io.ecrhub.mms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by the delimiter found in the header line ({@code ,} {@code ;} or
 * tab, as spreadsheets export), optionally quoted with {@code "} ({@code ""} inside quotes is one
 * quote; quoted fields may span lines), records ended by CRLF, LF or CR. A UTF-8 or UTF-16 byte
 * order mark is honoured.
 *
 * <p>Example: {@code Device ID;POS Key;Https\r\n"SN 1";"abc";yes} gives two records of three
 * fields.
 */
final class CsvReader {
  private CsvReader() {}

  /** Decodes by BOM: UTF-16 LE/BE when marked, else UTF-8 (a UTF-8 BOM is dropped). */
  static String decode(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    }
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** The delimiter that occurs most often (outside quotes) in the first line. */
  static char delimiter(String text) {
    int comma = 0;
    int semi = 0;
    int tab = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      } else if (!quoted && c == ',') {
        comma++;
      } else if (!quoted && c == ';') {
        semi++;
      } else if (!quoted && c == '\t') {
        tab++;
      }
    }
    if (tab > comma && tab > semi) {
      return '\t';
    }
    return semi > comma ? ';' : ',';
  }

  /**
   * Parses all records.
   *
   * @throws IllegalArgumentException for a quote that is never closed
   */
  static List<List<String>> parse(String text, char delimiter) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
        fieldStarted = true;
      } else if (c == delimiter) {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        records.add(record);
        record = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
      } else {
        field.append(c);
        fieldStarted = true;
      }
      i++;
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted field is never closed");
    }
    if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }

  static boolean isBlank(List<String> record) {
    return record.stream().allMatch(String::isBlank);
  }
}
