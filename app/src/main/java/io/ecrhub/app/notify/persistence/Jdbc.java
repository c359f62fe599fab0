package io.ecrhub.app.notify.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Small JDBC helper for the notification tables: plain SQL that runs on H2 (PostgreSQL mode) and
 * PostgreSQL, on connections that join the current JTA transaction.
 */
final class Jdbc {
  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** {@code n} comma-separated placeholders, for an {@code IN (…)} list. */
  static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /**
   * Statement texts that differ only in how many rows or list entries they carry, built once per
   * size (up to 256; larger ones are built each time).
   */
  static final class StatementsBySize {
    private final java.util.function.IntFunction<String> build;
    private final java.util.concurrent.atomic.AtomicReferenceArray<String> built =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(257);

    StatementsBySize(java.util.function.IntFunction<String> build) {
      this.build = build;
    }

    String get(int size) {
      if (size >= built.length()) {
        return build.apply(size);
      }
      String sql = built.get(size);
      if (sql == null) {
        sql = build.apply(size);
        built.set(size, sql);
      }
      return sql;
    }
  }

  /** Maps one row. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new PersistenceFailure(sql, e);
    }
  }

  <T> List<T> query(String sql, Row<T> row, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new PersistenceFailure(sql, e);
    }
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof Instant t) {
        ps.setObject(i + 1, utc(t));
      } else if (p instanceof byte[] b) {
        ps.setBytes(i + 1, b);
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }

  /** Instants as both databases store them: UTC, microsecond precision. */
  static OffsetDateTime utc(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Object v = rs.getObject(column);
    if (v == null) {
      return null;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof Timestamp ts) {
      return ts.toInstant();
    }
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  /** A database error, without the values involved. */
  static final class PersistenceFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PersistenceFailure(String sql, SQLException cause) {
      super(
          "database error ("
              + cause.getSQLState()
              + ") on: "
              + sql.substring(0, Math.min(60, sql.length())),
          cause);
    }

    /** SQLState class 23: integrity constraint violation (e.g. a unique key). */
    boolean isConstraintViolation() {
      return getCause() instanceof SQLException s
          && s.getSQLState() != null
          && s.getSQLState().startsWith("23");
    }
  }
}
