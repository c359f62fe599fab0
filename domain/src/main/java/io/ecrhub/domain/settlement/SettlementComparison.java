package io.ecrhub.domain.settlement;

import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.CloudStatementEntry;
import io.ecrhub.domain.cloud.CloudWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs the hub's records with QFPay's and says how each pair compares. Pure: both sides are given,
 * each fetched with a margin around the day so a transaction recorded just before midnight by one
 * side and just after by the other still pairs. A pair belongs to the day of the hub's record; an
 * unpaired record to the day of its own time; anything else is left to the neighbouring day.
 *
 * <p>Pairing: by syssn when the hub knows it, else (payments) by out_trade_no, preferring QFPay's
 * succeeded record (a retry after a failure reuses the out_trade_no). Only money that moved is
 * reported: two records of which neither settled say nothing.
 */
public final class SettlementComparison {
  private static final String OK = "0000";

  private SettlementComparison() {}

  public static List<SettlementLine> compare(
      List<HubEntry> hub, List<CloudStatementEntry> cloud, CloudWindow day) {
    Map<String, CloudStatementEntry> bySyssn = new HashMap<>();
    Map<String, List<CloudStatementEntry>> paymentsByOutTradeNo = new HashMap<>();
    for (CloudStatementEntry c : cloud) {
      bySyssn.putIfAbsent(c.record().syssn(), c);
      if (c.record().kind() == CloudRecord.Kind.PAYMENT && c.record().outTradeNo() != null) {
        paymentsByOutTradeNo
            .computeIfAbsent(c.record().outTradeNo(), k -> new ArrayList<>())
            .add(c);
      }
    }
    Set<String> paired = new HashSet<>();
    List<SettlementLine> lines = new ArrayList<>();
    for (HubEntry h : hub) {
      CloudStatementEntry c = partner(h, bySyssn, paymentsByOutTradeNo, paired);
      if (c != null) {
        paired.add(c.record().syssn());
      }
      if (day.contains(h.createdAt())) {
        SettlementLine line = line(h, c);
        if (line != null) {
          lines.add(line);
        }
      }
    }
    for (CloudStatementEntry c : cloud) {
      if (!paired.contains(c.record().syssn())
          && OK.equals(c.record().respcd())
          && day.contains(c.at())) {
        paired.add(c.record().syssn());
        lines.add(line(null, c));
      }
    }
    lines.sort(Comparator.comparing(SettlementLine::at));
    return lines;
  }

  private static CloudStatementEntry partner(
      HubEntry h,
      Map<String, CloudStatementEntry> bySyssn,
      Map<String, List<CloudStatementEntry>> byOutTradeNo,
      Set<String> paired) {
    if (h.syssn() != null) {
      CloudStatementEntry c = bySyssn.get(h.syssn());
      if (c != null && !paired.contains(c.record().syssn()) && sameKind(h, c)) {
        return c;
      }
    }
    if (h.kind() != HubEntry.Kind.PAYMENT || h.outTradeNo() == null) {
      return null;
    }
    CloudStatementEntry found = null;
    for (CloudStatementEntry c : byOutTradeNo.getOrDefault(h.outTradeNo(), List.of())) {
      if (paired.contains(c.record().syssn())) {
        continue;
      }
      if (OK.equals(c.record().respcd())) {
        return c;
      }
      found = c;
    }
    return found;
  }

  private static boolean sameKind(HubEntry h, CloudStatementEntry c) {
    return (h.kind() == HubEntry.Kind.REFUND) == (c.record().kind() == CloudRecord.Kind.REFUND);
  }

  /** The line for a pair (either side may be missing), or null when no money moved on either. */
  private static SettlementLine line(HubEntry h, CloudStatementEntry c) {
    boolean hubSettled = h != null && h.settled();
    boolean cloudSettled = c != null && OK.equals(c.record().respcd());
    SettlementLine.Outcome outcome;
    if (hubSettled && cloudSettled) {
      outcome =
          h.amount().equals(c.record().amount())
              ? SettlementLine.Outcome.MATCHED
              : SettlementLine.Outcome.AMOUNT_DIFFERS;
    } else if (hubSettled) {
      outcome = SettlementLine.Outcome.ONLY_IN_HUB;
    } else if (cloudSettled) {
      outcome = SettlementLine.Outcome.ONLY_AT_QFPAY;
    } else {
      return null;
    }
    CloudRecord r = c == null ? null : c.record();
    HubEntry.Kind kind =
        h != null
            ? h.kind()
            : r.kind() == CloudRecord.Kind.REFUND ? HubEntry.Kind.REFUND : HubEntry.Kind.PAYMENT;
    String outTradeNo = h != null && h.outTradeNo() != null ? h.outTradeNo() : null;
    if (outTradeNo == null && r != null && r.outTradeNo() != null && !r.outTradeNo().isBlank()) {
      outTradeNo = r.outTradeNo();
    }
    return new SettlementLine(
        outcome,
        kind,
        h == null ? null : h.id(),
        h == null ? null : h.terminalId(),
        outTradeNo,
        r != null ? r.syssn() : h.syssn(),
        h == null ? null : h.status().name(),
        h == null ? null : h.amount(),
        r == null ? null : r.respcd(),
        r == null ? null : r.amount(),
        h != null ? h.createdAt() : c.at());
  }
}
