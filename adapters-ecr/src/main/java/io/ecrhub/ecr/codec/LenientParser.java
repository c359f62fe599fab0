package io.ecrhub.ecr.codec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small tolerant parser for what terminals and Odoo put on the wire: strict JSON, and the {@code
 * org.json}-style leniency the Haojin app accepts (unquoted keys, single-quoted strings, {@code =}
 * as well as {@code :} between key and value). Numbers become {@link BigDecimal}, never {@code
 * double}. Objects become insertion-ordered maps.
 *
 * <p>Example: {@code {content:{amt=100,channel='wx'}, digest:'AB'}} parses to {@code
 * {content={amt=100, channel=wx}, digest=AB}}.
 */
public final class LenientParser {
  /** Deepest nesting accepted; deeper input is rejected rather than recursing without bound. */
  private static final int MAX_DEPTH = 32;

  /** Largest scale (either sign) of a number; real amounts have 0 to 2. */
  private static final int MAX_SCALE = 64;

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private final String in;
  private int pos;

  private LenientParser(String in) {
    this.in = in;
  }

  /** Parses one value (object, array, string, number, literal) filling the whole input. */
  public static Object parse(String text) throws EcrCodecException {
    if (text == null) {
      throw malformed("empty input", 0);
    }
    LenientParser p = new LenientParser(text);
    p.skipWs();
    Object v = p.value(0);
    p.skipWs();
    if (p.pos != text.length()) {
      throw malformed("unexpected trailing characters", p.pos);
    }
    return v;
  }

  /** Parses an object; anything else is malformed. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) throws EcrCodecException {
    Object v = parse(text);
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw malformed("expected an object", 0);
  }

  private Object value(int depth) throws EcrCodecException {
    if (depth > MAX_DEPTH) {
      throw malformed("nesting deeper than " + MAX_DEPTH, pos);
    }
    if (pos >= in.length()) {
      throw malformed("unexpected end of input", pos);
    }
    char c = in.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"', '\'' -> string(c);
      default -> bareword();
    };
  }

  private Map<String, Object> object(int depth) throws EcrCodecException {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipWs();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWs();
      String key;
      char c = peek();
      if (c == '"' || c == '\'') {
        key = string(c);
      } else {
        int start = pos;
        while (pos < in.length() && isKeyChar(in.charAt(pos))) {
          pos++;
        }
        if (start == pos) {
          throw malformed("expected a key", pos);
        }
        key = in.substring(start, pos);
      }
      skipWs();
      char sep = peek();
      if (sep != ':' && sep != '=') {
        throw malformed("expected ':' or '=' after key " + key, pos);
      }
      pos++;
      skipWs();
      map.put(key, value(depth + 1));
      skipWs();
      char next = peek();
      pos++;
      if (next == '}') {
        return map;
      }
      if (next != ',') {
        throw malformed("expected ',' or '}'", pos - 1);
      }
    }
  }

  private List<Object> array(int depth) throws EcrCodecException {
    List<Object> list = new ArrayList<>();
    pos++;
    skipWs();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWs();
      list.add(value(depth + 1));
      skipWs();
      char next = peek();
      pos++;
      if (next == ']') {
        return list;
      }
      if (next != ',') {
        throw malformed("expected ',' or ']'", pos - 1);
      }
    }
  }

  private String string(char quote) throws EcrCodecException {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < in.length()) {
      char c = in.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos >= in.length()) {
          break;
        }
        char e = in.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            if (pos + 4 > in.length()) {
              throw malformed("truncated \\u escape", pos);
            }
            int code = 0;
            for (int i = 0; i < 4; i++) {
              char h = in.charAt(pos + i);
              int digit = h < 128 ? Character.digit(h, 16) : -1;
              if (digit < 0) {
                throw malformed("bad \\u escape", pos);
              }
              code = code * 16 + digit;
            }
            sb.append((char) code);
            pos += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    throw malformed("unterminated string", pos);
  }

  private Object bareword() throws EcrCodecException {
    int start = pos;
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == ',' || c == '}' || c == ']' || Character.isWhitespace(c)) {
        break;
      }
      pos++;
    }
    String word = in.substring(start, pos);
    if (word.isEmpty()) {
      throw malformed("expected a value", pos);
    }
    switch (word) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        break;
    }
    if (NUMBER.matcher(word).matches()) {
      if (word.length() > 40) {
        throw malformed("number too long", start);
      }
      BigDecimal number;
      try {
        number = new BigDecimal(word);
      } catch (NumberFormatException e) {
        throw malformed("number out of range", start);
      }
      // bound the exponent: 1e999999999 would render as a billion digits
      if (Math.abs((long) number.scale()) > MAX_SCALE) {
        throw malformed("number out of range", start);
      }
      return number;
    }
    throw malformed("unexpected token '" + abbreviate(word) + "'", start);
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }

  private char peek() throws EcrCodecException {
    if (pos >= in.length()) {
      throw malformed("unexpected end of input", pos);
    }
    return in.charAt(pos);
  }

  private void skipWs() {
    while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
      pos++;
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "…" : s;
  }

  private static EcrCodecException malformed(String what, int at) {
    return new EcrCodecException(EcrCodecException.Kind.MALFORMED, what + " at offset " + at);
  }
}
