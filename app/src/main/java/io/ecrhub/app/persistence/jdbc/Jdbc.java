package io.ecrhub.app.persistence.jdbc;

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
 * Small JDBC helper for the hand-written SQL of the notification intake's hot path (ADR 0006, ADR
 * 0013): the notification inbox and the payment look-ups the intake makes for every notification.
 * Plain SQL that runs on H2 (PostgreSQL mode) and PostgreSQL, on connections that join the current
 * JTA transaction. Every other store is a Panache repository.
 */
public final class Jdbc {
  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** {@code n} comma-separated placeholders, for an {@code IN (…)} list. */
  public static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /**
   * Statement texts that differ only in how many rows or list entries they carry, built once per
   * size (up to 256; larger ones are built each time).
   */
  public static final class StatementsBySize {
    private final java.util.function.IntFunction<String> build;
    private final java.util.concurrent.atomic.AtomicReferenceArray<String> built =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(257);

    public StatementsBySize(java.util.function.IntFunction<String> build) {
      this.build = build;
    }

    public String get(int size) {
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
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  public int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new PersistenceFailure(sql, e);
    }
  }

  public <T> List<T> query(String sql, Row<T> row, Object... params) {
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

  public static Instant instant(ResultSet rs, String column) throws SQLException {
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

  /** A database error, without the values involved. */
  public static final class PersistenceFailure extends RuntimeException {
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
    public boolean isConstraintViolation() {
      return getCause() instanceof SQLException s
          && s.getSQLState() != null
          && s.getSQLState().startsWith("23");
    }
  }
}
