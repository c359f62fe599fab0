package io.ecrhub.app.diagnostics.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.diagnostics.FleetRuns;
import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.diagnostics.CheckId;
import io.ecrhub.domain.diagnostics.CheckStatus;
import io.ecrhub.domain.diagnostics.DiagnosticCheck;
import io.ecrhub.domain.diagnostics.DiagnosticReport;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.TerminalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Adapter: a page of terminals (primary key order) joined to each one's newest {@code
 * diagnostic_run}, found by a correlated lookup on {@code diagnostic_run_terminal_idx (terminal_id,
 * at)}: one statement per page, H2 (PostgreSQL mode) and PostgreSQL alike.
 */
@ApplicationScoped
public class SqlFleetRuns implements FleetRuns {
  private static final TypeReference<List<JpaDiagnosticResults.CheckJson>> CHECKS =
      new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper json;

  @Inject
  public SqlFleetRuns(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
  }

  @Override
  public Page<LastRun> page(Scope scope, String afterId, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT t.id, t.name, t.store_id, t.status, r.id AS run_id, r.target, r.at, r.checks"
                + " FROM terminal t LEFT JOIN diagnostic_run r ON r.id ="
                + " (SELECT x.id FROM diagnostic_run x WHERE x.terminal_id = t.id"
                + " ORDER BY x.at DESC, x.id DESC LIMIT 1)"
                + " WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (!scope.unrestricted()) {
      List<String> either = new ArrayList<>();
      if (!scope.stores().isEmpty()) {
        either.add("t.store_id IN (" + Jdbc.marks(scope.stores().size()) + ")");
        params.addAll(scope.stores());
      }
      if (!scope.terminals().isEmpty()) {
        either.add("t.id IN (" + Jdbc.marks(scope.terminals().size()) + ")");
        params.addAll(scope.terminals());
      }
      sql.append(" AND (").append(String.join(" OR ", either)).append(')');
    }
    if (afterId != null) {
      sql.append(" AND t.id > ?");
      params.add(afterId);
    }
    sql.append(" ORDER BY t.id LIMIT ").append(limit + 1);
    List<LastRun> rows = jdbc.query(sql.toString(), this::row, params.toArray());
    boolean more = rows.size() > limit;
    List<LastRun> page = more ? rows.subList(0, limit) : rows;
    return new Page<>(page, more ? page.get(page.size() - 1).terminalId() : null);
  }

  private LastRun row(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String runId = rs.getString("run_id");
    DiagnosticReport run =
        runId == null
            ? null
            : new DiagnosticReport(
                runId,
                TerminalId.of(id),
                rs.getString("target"),
                Jdbc.instant(rs, "at"),
                checks(rs.getString("checks")));
    return new LastRun(
        id, rs.getString("name"), rs.getString("store_id"), rs.getString("status"), run);
  }

  private List<DiagnosticCheck> checks(String text) {
    List<JpaDiagnosticResults.CheckJson> checks;
    try {
      checks = json.readValue(text, CHECKS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored diagnostics run is corrupt", e);
    }
    return checks.stream()
        .map(
            c ->
                new DiagnosticCheck(
                    CheckId.valueOf(c.id()),
                    CheckStatus.valueOf(c.status()),
                    c.evidence(),
                    c.fix()))
        .toList();
  }
}
