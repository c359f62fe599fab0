package io.ecrhub.app.notify.persistence;

import io.ecrhub.domain.notification.PaymentMatcher;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Adapter: finds the payments a notification names with one indexed SQL query for both identifiers
 * (plain JDBC, in the caller's transaction) and loads only the payments it found by id through
 * {@link Payments}. A notification that names no known payment (the usual case: QFPay notifies
 * every payment of the merchant, and may notify before the hub has recorded its own) so costs one
 * statement and no ORM query. {@link Payments#save} flushes, so the query sees every payment change
 * made earlier in the same transaction.
 */
@ApplicationScoped
public class SqlPaymentMatcher implements PaymentMatcher {
  private final Jdbc jdbc;
  private final Payments payments;

  @Inject
  public SqlPaymentMatcher(DataSource dataSource, Payments payments) {
    this.jdbc = new Jdbc(dataSource);
    this.payments = payments;
  }

  private record Row(String id, String outTradeNo, String syssn) {}

  @Override
  public Matches find(Optional<OutTradeNo> outTradeNo, Optional<Syssn> syssn) {
    String ref = outTradeNo.map(OutTradeNo::value).orElse(null);
    String sn = syssn.map(Syssn::value).orElse(null);
    List<Row> rows;
    if (ref != null && sn != null) {
      rows =
          jdbc.query(
              // the out_trade_no match (unique) first, then one syssn match
              "SELECT id, out_trade_no, syssn FROM payment WHERE out_trade_no = ? OR syssn = ?"
                  + " ORDER BY CASE WHEN out_trade_no = ? THEN 0 ELSE 1 END, id LIMIT 2",
              this::row,
              ref,
              sn,
              ref);
    } else if (ref != null) {
      rows =
          jdbc.query(
              "SELECT id, out_trade_no, syssn FROM payment WHERE out_trade_no = ?", this::row, ref);
    } else if (sn != null) {
      rows =
          jdbc.query(
              "SELECT id, out_trade_no, syssn FROM payment WHERE syssn = ? ORDER BY id LIMIT 1",
              this::row,
              sn);
    } else {
      return Matches.NONE;
    }
    if (rows.isEmpty()) {
      return Matches.NONE;
    }
    String byRefId =
        rows.stream()
            .filter(r -> ref != null && ref.equals(r.outTradeNo()))
            .map(Row::id)
            .findFirst()
            .orElse(null);
    String bySyssnId =
        rows.stream()
            .filter(r -> sn != null && sn.equals(r.syssn()))
            .map(Row::id)
            .findFirst()
            .orElse(null);
    Optional<Payment> byRef = load(byRefId);
    Optional<Payment> bySyssn = Objects.equals(byRefId, bySyssnId) ? byRef : load(bySyssnId);
    return new Matches(byRef, bySyssn);
  }

  /** One query for all identifiers: {@code out_trade_no IN (…) OR syssn IN (…)}. */
  @Override
  public Known known(Set<OutTradeNo> outTradeNos, Set<Syssn> syssns) {
    if (outTradeNos.isEmpty() && syssns.isEmpty()) {
      return new Known(Set.of(), Set.of());
    }
    List<Object> params = new ArrayList<>(outTradeNos.size() + syssns.size());
    List<String> where = new ArrayList<>(2);
    if (!outTradeNos.isEmpty()) {
      where.add("out_trade_no IN (" + Jdbc.marks(outTradeNos.size()) + ")");
      outTradeNos.forEach(r -> params.add(r.value()));
    }
    if (!syssns.isEmpty()) {
      where.add("syssn IN (" + Jdbc.marks(syssns.size()) + ")");
      syssns.forEach(s -> params.add(s.value()));
    }
    Set<String> refs = new HashSet<>();
    Set<String> sns = new HashSet<>();
    for (Row r :
        jdbc.query(
            "SELECT id, out_trade_no, syssn FROM payment WHERE " + String.join(" OR ", where),
            this::row,
            params.toArray())) {
      refs.add(r.outTradeNo());
      sns.add(r.syssn());
    }
    return new Known(
        outTradeNos.stream().filter(o -> refs.contains(o.value())).collect(Collectors.toSet()),
        syssns.stream().filter(x -> sns.contains(x.value())).collect(Collectors.toSet()));
  }

  private Optional<Payment> load(String id) {
    return id == null ? Optional.empty() : payments.findById(new PaymentId(id));
  }

  private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Row(rs.getString("id"), rs.getString("out_trade_no"), rs.getString("syssn"));
  }
}
