package io.ecrhub.simulator;

import io.ecrhub.domain.transaction.RefundPolicy;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /trade/v1/query} by time window (protocol doc §8.3), the daily statement's question: the
 * simulated terminals' transactions whose time ({@code sysdtm}) lies from {@code start_time} to
 * {@code end_time} (Hong Kong time to the second, both inclusive; the current month when neither is
 * given), oldest first, paged by {@code page} (from 1) and {@code page_size} (default 10, at most
 * 100). Tests may make the statement report another amount for a transaction ({@link #misstate}).
 */
final class CloudStatementWindow {
  private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final List<SimulatedTerminal> terminals;
  private final SimulatorContext ctx;
  private final Map<String, Long> misstated = new ConcurrentHashMap<>();

  CloudStatementWindow(List<SimulatedTerminal> terminals, SimulatorContext ctx) {
    this.terminals = List.copyOf(terminals);
    this.ctx = ctx;
  }

  /** A query by time rather than by transaction: neither syssn nor out_trade_no given. */
  static boolean asks(Map<String, String> p) {
    return blank(p.get("syssn")) && blank(p.get("out_trade_no"));
  }

  /** From now on the statement reports {@code syssn} with {@code cents} instead of its amount. */
  void misstate(String syssn, long cents) {
    misstated.put(syssn, cents);
  }

  Map<String, Object> answer(Map<String, String> p) {
    Instant from;
    Instant to;
    int page;
    int size;
    try {
      if (blank(p.get("start_time")) && blank(p.get("end_time"))) {
        YearMonth month = YearMonth.now(ctx.clock().withZone(RefundPolicy.HONG_KONG));
        from = month.atDay(1).atStartOfDay(RefundPolicy.HONG_KONG).toInstant();
        to = month.plusMonths(1).atDay(1).atStartOfDay(RefundPolicy.HONG_KONG).toInstant();
      } else {
        from = parse(p.get("start_time"));
        to = parse(p.get("end_time")).plusSeconds(1);
      }
      page = Integer.parseInt(p.getOrDefault("page", "1"));
      size = Integer.parseInt(p.getOrDefault("page_size", "10"));
    } catch (DateTimeParseException | NumberFormatException | NullPointerException e) {
      return CloudTrades.answer(
          "1150", "start_time/end_time (yyyy-MM-dd HH:mm:ss), page, page_size");
    }
    if (page < 1 || size < 1 || size > 100 || !from.isBefore(to)) {
      return CloudTrades.answer("1150", "page from 1, page_size 1-100, start_time before end_time");
    }
    List<SimTransaction> in = new ArrayList<>();
    for (SimulatedTerminal t : terminals) {
      for (SimTransaction x : t.ledger().all()) {
        if (!x.createdAt().isBefore(from) && x.createdAt().isBefore(to)) {
          in.add(x);
        }
      }
    }
    in.sort(Comparator.comparing(SimTransaction::createdAt).thenComparing(SimTransaction::syssn));
    List<Map<String, Object>> data = new ArrayList<>();
    long skip = (long) (page - 1) * size;
    for (int i = (int) Math.min(skip, in.size()); i < in.size() && data.size() < size; i++) {
      Map<String, Object> r = CloudTrades.record(in.get(i));
      Long cents = misstated.get(in.get(i).syssn());
      if (cents != null) {
        r.put("txamt", Long.toString(cents));
      }
      data.add(r);
    }
    Map<String, Object> m = CloudTrades.answer("0000", "");
    m.put("page", Integer.toString(page));
    m.put("page_size", Integer.toString(size));
    m.put("data", data);
    return m;
  }

  private static Instant parse(String s) {
    return LocalDateTime.parse(s, WIRE).atZone(RefundPolicy.HONG_KONG).toInstant();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
