package io.ecrhub.app.settlement.persistence;

import io.ecrhub.domain.settlement.HubEntry;
import io.ecrhub.domain.settlement.SettlementLine;
import io.ecrhub.domain.settlement.SettlementRun;
import io.ecrhub.domain.settlement.SettlementRuns;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Adapter: statement runs in {@code settlement_run} and their differing lines in {@code
 * settlement_line}; amounts in minor units with the currency of each side.
 */
@ApplicationScoped
@Transactional
public class JpaSettlementRuns implements SettlementRuns {
  private final EntityManager em;

  @Inject
  JpaSettlementRuns(EntityManager em) {
    this.em = em;
  }

  @Override
  public void save(SettlementRun run) {
    SettlementRunEntity r = new SettlementRunEntity();
    r.id = run.id();
    r.businessDate = run.date();
    r.zone = run.zone().getId();
    r.ranAt = run.ranAt().truncatedTo(ChronoUnit.MICROS);
    r.status = run.status().name();
    r.matched = run.matched();
    r.amountDiffers = run.amountDiffers();
    r.onlyAtQfpay = run.onlyAtQfpay();
    r.onlyInHub = run.onlyInHub();
    r.detail = run.detail();
    em.persist(r);
    int n = 0;
    for (SettlementLine l : run.differences()) {
      SettlementLineEntity e = new SettlementLineEntity();
      e.runId = run.id();
      e.lineNo = n++;
      e.outcome = l.outcome().name();
      e.kind = l.kind().name();
      e.hubId = l.hubId();
      e.terminalId = l.terminalId();
      e.outTradeNo = l.outTradeNo();
      e.syssn = l.syssn();
      e.hubStatus = l.hubStatus();
      e.hubMinor = l.hubAmount() == null ? null : l.hubAmount().minorUnits();
      e.hubCurrency = l.hubAmount() == null ? null : l.hubAmount().currency().getCurrencyCode();
      e.cloudRespcd = l.cloudRespcd();
      e.cloudMinor = l.cloudAmount() == null ? null : l.cloudAmount().minorUnits();
      e.cloudCurrency =
          l.cloudAmount() == null ? null : l.cloudAmount().currency().getCurrencyCode();
      e.at = l.at().truncatedTo(ChronoUnit.MICROS);
      em.persist(e);
    }
  }

  @Override
  public Optional<SettlementRun> find(String id) {
    SettlementRunEntity r = em.find(SettlementRunEntity.class, id);
    if (r == null) {
      return Optional.empty();
    }
    List<SettlementLine> lines =
        em
            .createQuery(
                "FROM SettlementLineEntity WHERE runId = ?1 ORDER BY lineNo",
                SettlementLineEntity.class)
            .setParameter(1, id)
            .getResultList()
            .stream()
            .map(JpaSettlementRuns::line)
            .toList();
    return Optional.of(run(r, lines));
  }

  @Override
  public Page<SettlementRun> list(String cursor, int limit) {
    List<SettlementRunEntity> rows;
    if (cursor == null) {
      rows =
          em.createQuery(
                  "FROM SettlementRunEntity ORDER BY ranAt DESC, id DESC",
                  SettlementRunEntity.class)
              .setMaxResults(limit + 1)
              .getResultList();
    } else {
      Object[] after = decode(cursor);
      rows =
          em.createQuery(
                  "FROM SettlementRunEntity WHERE ranAt < ?1 OR (ranAt = ?1 AND id < ?2)"
                      + " ORDER BY ranAt DESC, id DESC",
                  SettlementRunEntity.class)
              .setParameter(1, after[0])
              .setParameter(2, after[1])
              .setMaxResults(limit + 1)
              .getResultList();
    }
    List<SettlementRun> items = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, rows.size()); i++) {
      items.add(run(rows.get(i), List.of()));
    }
    String next =
        rows.size() > limit ? encode(items.getLast().ranAt(), items.getLast().id()) : null;
    return new Page<>(items, next);
  }

  private static SettlementRun run(SettlementRunEntity r, List<SettlementLine> lines) {
    return new SettlementRun(
        r.id,
        r.businessDate,
        ZoneId.of(r.zone),
        r.ranAt,
        SettlementRun.Status.valueOf(r.status),
        r.matched,
        r.amountDiffers,
        r.onlyAtQfpay,
        r.onlyInHub,
        r.detail,
        lines);
  }

  private static SettlementLine line(SettlementLineEntity e) {
    return new SettlementLine(
        SettlementLine.Outcome.valueOf(e.outcome),
        HubEntry.Kind.valueOf(e.kind),
        e.hubId,
        e.terminalId,
        e.outTradeNo,
        e.syssn,
        e.hubStatus,
        e.hubMinor == null ? null : Money.ofMinor(e.hubMinor, e.hubCurrency),
        e.cloudRespcd,
        e.cloudMinor == null ? null : Money.ofMinor(e.cloudMinor, e.cloudCurrency),
        e.at);
  }

  /** An opaque cursor: base64url of the last run's time and id. */
  private static String encode(Instant ranAt, String id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((ranAt + "|" + id).getBytes(StandardCharsets.UTF_8));
  }

  private static Object[] decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      if (bar > 0 && bar < raw.length() - 1) {
        return new Object[] {Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1)};
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // refused below
    }
    throw new io.ecrhub.domain.shared.ValidationException(
        "INVALID_CURSOR", "cursor", "cursor is not valid; pass the nextCursor of a previous page");
  }
}
