package io.ecrhub.app.diagnostics.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.domain.diagnostics.CheckId;
import io.ecrhub.domain.diagnostics.CheckStatus;
import io.ecrhub.domain.diagnostics.DiagnosticCheck;
import io.ecrhub.domain.diagnostics.DiagnosticReport;
import io.ecrhub.domain.diagnostics.DiagnosticResults;
import io.ecrhub.domain.terminal.TerminalId;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Adapter: stored diagnostics runs in {@code diagnostic_run}, for trends and the fleet view. */
@ApplicationScoped
@Transactional
public class JpaDiagnosticResults implements DiagnosticResults {
  private static final TypeReference<List<CheckJson>> CHECKS = new TypeReference<>() {};
  private final EntityManager em;
  private final ObjectMapper json;

  @Inject
  JpaDiagnosticResults(EntityManager em, ObjectMapper json) {
    this.em = em;
    this.json = json;
  }

  @RegisterForReflection
  record CheckJson(String id, String status, String evidence, String fix) {}

  @Override
  public void save(DiagnosticReport r) {
    RunEntity row = new RunEntity();
    row.id = r.id();
    row.terminalId = r.terminalId().value();
    row.target = r.target().length() > 300 ? r.target().substring(0, 300) : r.target();
    row.at = r.at();
    row.overall = r.overall().name();
    try {
      row.checks =
          json.writeValueAsString(
              r.checks().stream()
                  .map(c -> new CheckJson(c.id().name(), c.status().name(), c.evidence(), c.fix()))
                  .toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("diagnostics run cannot be serialised", e);
    }
    em.persist(row);
  }

  @Override
  public Optional<DiagnosticReport> latest(TerminalId terminalId) {
    return history(terminalId, 1).stream().findFirst();
  }

  @Override
  public List<DiagnosticReport> history(TerminalId terminalId, int limit) {
    return em
        .createQuery(
            "FROM RunEntity WHERE terminalId = :t ORDER BY at DESC, id DESC", RunEntity.class)
        .setParameter("t", terminalId.value())
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(this::toDomain)
        .toList();
  }

  @Override
  public List<DiagnosticReport> latestPerTerminal() {
    return em
        .createQuery(
            "FROM RunEntity r WHERE r.at = (SELECT MAX(x.at) FROM RunEntity x"
                + " WHERE x.terminalId = r.terminalId)",
            RunEntity.class)
        .getResultList()
        .stream()
        .map(this::toDomain)
        .toList();
  }

  private DiagnosticReport toDomain(RunEntity r) {
    List<CheckJson> checks;
    try {
      checks = json.readValue(r.checks, CHECKS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored diagnostics run is corrupt", e);
    }
    return new DiagnosticReport(
        r.id,
        TerminalId.of(r.terminalId),
        r.target,
        r.at,
        checks.stream()
            .map(
                c ->
                    new DiagnosticCheck(
                        CheckId.valueOf(c.id()),
                        CheckStatus.valueOf(c.status()),
                        c.evidence(),
                        c.fix()))
            .toList());
  }
}
