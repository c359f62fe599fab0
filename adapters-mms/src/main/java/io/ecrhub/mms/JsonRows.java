package io.ecrhub.mms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ecrhub.domain.merchant.ConfigSnapshot;
import io.ecrhub.domain.merchant.ConfigSourceException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a POS Key List from JSON: an array of objects, or an object holding that array (found by a
 * JSON pointer, or under {@code devices}, {@code data}, {@code items}, {@code list}, {@code rows},
 * {@code records} or {@code posKeys}). Each element's fields are found through an explicit mapping
 * (a property name or a JSON pointer) or, unmapped, by tolerant header matching.
 */
final class JsonRows {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(64).build())
                  .build())
          .build();
  private static final List<String> CONTAINERS =
      List.of("devices", "data", "items", "list", "rows", "records", "posKeys", "poskeys");

  private JsonRows() {}

  static ConfigSnapshot read(
      String source,
      byte[] body,
      String itemsPointer,
      Map<Field, String> mapping,
      ImportOptions o) {
    JsonNode root;
    try {
      root = MAPPER.readTree(CsvReader.decode(body));
    } catch (JsonProcessingException e) {
      throw ConfigSourceException.invalid(
          "not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw ConfigSourceException.invalid("the document is empty");
    }
    JsonNode items = items(root, itemsPointer);
    RowValidator v = new RowValidator(o);
    int row = 0;
    for (JsonNode item : items) {
      row++;
      if (!item.isObject()) {
        v.unreadableRow(row, "element " + row + " is not an object");
        continue;
      }
      v.row(row, values(item, mapping));
    }
    return v.snapshot(source);
  }

  private static JsonNode items(JsonNode root, String pointer) {
    if (pointer != null && !pointer.isBlank()) {
      JsonNode n = root.at(pointer);
      if (!n.isArray()) {
        throw ConfigSourceException.invalid("no array at " + pointer + " in the document");
      }
      return n;
    }
    if (root.isArray()) {
      return root;
    }
    for (String c : CONTAINERS) {
      if (root.path(c).isArray()) {
        return root.get(c);
      }
    }
    JsonNode data = root.path("data");
    for (String c : CONTAINERS) {
      if (data.path(c).isArray()) {
        return data.get(c);
      }
    }
    throw ConfigSourceException.invalid(
        "no device list found: expected an array, or an object with one of " + CONTAINERS);
  }

  private static Map<Field, String> values(JsonNode item, Map<Field, String> mapping) {
    Map<Field, String> out = new EnumMap<>(Field.class);
    for (Map.Entry<Field, String> m : mapping.entrySet()) {
      String path = m.getValue();
      JsonNode n = path.startsWith("/") ? item.at(path) : item.path(path);
      out.put(m.getKey(), text(n));
    }
    for (Map.Entry<String, JsonNode> e : item.properties()) {
      Field.fromHeader(e.getKey())
          .filter(f -> !mapping.containsKey(f))
          .ifPresent(f -> out.putIfAbsent(f, text(e.getValue())));
    }
    return out;
  }

  private static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull() || n.isContainerNode()) {
      return "";
    }
    return n.asText();
  }
}
