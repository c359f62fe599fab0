package io.ecrhub.app.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * How the API reads request JSON (used through {@code @CustomDeserialization} on the resources,
 * leaving Quarkus's shared mapper alone): unknown fields, numbers where strings are expected
 * (amounts are strings such as {@code "10.50"}, never binary floating point), strings where numbers
 * or booleans are expected, and trailing garbage are refused with the field named.
 */
public class StrictJson implements BiFunction<ObjectMapper, Type, ObjectReader> {
  private static volatile ObjectMapper strict;

  @Override
  public ObjectReader apply(ObjectMapper shared, Type type) {
    ObjectMapper m = strict;
    if (m == null) {
      m = strictCopyOf(shared);
      strict = m;
    }
    return m.readerFor(m.constructType(type));
  }

  static ObjectMapper strictCopyOf(ObjectMapper shared) {
    ObjectMapper mapper = shared.copy();
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper;
  }
}
