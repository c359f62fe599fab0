package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.notification.PaymentMatcher;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Adapter: the look-ups of the {@code payment} table that other parts of the hub make by a
 * payment's identifiers, in one place next to the payments' own repository. They run on the
 * notification intake's hot path (ADR 0006: every notification asks whether a payment has its
 * out_trade_no or syssn, most of them name none), so they are plain indexed SQL over JDBC in the
 * caller's transaction (ADR 0013), never an ORM query; a payment found is then loaded by id through
 * {@link Payments}. {@link Payments#save} flushes, so these queries see every payment change made
 * earlier in the same transaction.
 *
 * <ul>
 *   <li>{@link PaymentMatcher}: the payments a notification names, one query for both identifiers;
 *   <li>{@link #identifiers}: a payment's out_trade_no and syssn by id (retrying parked
 *       notifications after a payment appears);
 *   <li>{@link #lastSucceededAt} and {@link #lastNotificationAt}: a terminal's newest successful
 *       payment and the newest notification about one of its payments (diagnostics).
 * </ul>
 */
@ApplicationScoped
public class PaymentLookups implements PaymentMatcher {
  private final Jdbc jdbc;
  private final Payments payments;

  @Inject
  public PaymentLookups(DataSource dataSource, Payments payments) {
    this.jdbc = new Jdbc(dataSource);
    this.payments = payments;
  }

  /** A payment's identifiers; {@code syssn} is null until the terminal or QFPay gave one. */
  public record Identifiers(String outTradeNo, String syssn) {}

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
              PaymentLookups::row,
              ref,
              sn,
              ref);
    } else if (ref != null) {
      rows =
          jdbc.query(
              "SELECT id, out_trade_no, syssn FROM payment WHERE out_trade_no = ?",
              PaymentLookups::row,
              ref);
    } else if (sn != null) {
      rows =
          jdbc.query(
              "SELECT id, out_trade_no, syssn FROM payment WHERE syssn = ? ORDER BY id LIMIT 1",
              PaymentLookups::row,
              sn);
    } else {
      return Matches.NONE;
    }
    if (rows.isEmpty()) {
      return Matches.NONE;
    }
    String byRefId = firstId(rows, r -> ref != null && ref.equals(r.outTradeNo()));
    String bySyssnId = firstId(rows, r -> sn != null && sn.equals(r.syssn()));
    Optional<Payment> byRef = load(byRefId);
    Optional<Payment> bySyssn = Objects.equals(byRefId, bySyssnId) ? byRef : load(bySyssnId);
    return new Matches(byRef, bySyssn);
  }

  private static String firstId(List<Row> rows, java.util.function.Predicate<Row> match) {
    return rows.stream().filter(match).map(Row::id).findFirst().orElse(null);
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
            PaymentLookups::row,
            params.toArray())) {
      refs.add(r.outTradeNo());
      sns.add(r.syssn());
    }
    return new Known(
        outTradeNos.stream().filter(o -> refs.contains(o.value())).collect(Collectors.toSet()),
        syssns.stream().filter(x -> sns.contains(x.value())).collect(Collectors.toSet()));
  }

  /** A payment's out_trade_no and syssn by id, without loading the payment. */
  public Optional<Identifiers> identifiers(PaymentId id) {
    return jdbc
        .query(
            "SELECT out_trade_no, syssn FROM payment WHERE id = ?",
            rs -> new Identifiers(rs.getString("out_trade_no"), rs.getString("syssn")),
            id.value())
        .stream()
        .findFirst();
  }

  /** When this terminal's newest successful payment was created. */
  public Optional<Instant> lastSucceededAt(TerminalId terminalId) {
    return newest(
        "SELECT MAX(created_at) AS at FROM payment WHERE terminal_id = ? AND status = 'SUCCEEDED'",
        terminalId.value());
  }

  /**
   * When the newest notification in one of these inbox statuses was received whose trade reference
   * ({@code out_trade_no}, or {@code orig_out_trade_no} of a refund) or QFPay transaction ({@code
   * syssn}, or {@code orig_syssn}) is one of this terminal's payments: two indexed joins.
   */
  public Optional<Instant> lastNotificationAt(
      TerminalId terminalId, Collection<String> inboxStatuses) {
    String in = "(" + Jdbc.marks(inboxStatuses.size()) + ")";
    List<Object> params = new ArrayList<>();
    params.add(terminalId.value());
    params.addAll(inboxStatuses);
    Optional<Instant> byTradeNo =
        newest(
            "SELECT MAX(n.received_at) AS at FROM notification_inbox n"
                + " JOIN payment p ON p.out_trade_no = n.trade_ref"
                + " WHERE p.terminal_id = ? AND n.status IN "
                + in,
            params.toArray());
    Optional<Instant> bySyssn =
        newest(
            "SELECT MAX(n.received_at) AS at FROM notification_inbox n"
                + " JOIN payment p ON p.syssn = n.syssn_ref"
                + " WHERE p.terminal_id = ? AND n.status IN "
                + in,
            params.toArray());
    return byTradeNo.isEmpty()
        ? bySyssn
        : bySyssn.isEmpty() || byTradeNo.get().isAfter(bySyssn.get()) ? byTradeNo : bySyssn;
  }

  private Optional<Instant> newest(String sql, Object... params) {
    return jdbc.query(sql, rs -> Optional.ofNullable(Jdbc.instant(rs, "at")), params).stream()
        .findFirst()
        .flatMap(at -> at);
  }

  private Optional<Payment> load(String id) {
    return id == null ? Optional.empty() : payments.findById(new PaymentId(id));
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString("id"), rs.getString("out_trade_no"), rs.getString("syssn"));
  }
}
