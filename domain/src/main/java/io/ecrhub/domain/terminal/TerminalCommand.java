package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * A request for a terminal, one per QFPay {@code func_type} (protocol doc §4). The adapter maps
 * each to its wire form and path.
 */
public sealed interface TerminalCommand {

  /** QFPay func_type code. */
  int funcType();

  /**
   * Whether this is a business request (trade or refund) that holds the terminal's single flight.
   */
  default boolean isBusiness() {
    return false;
  }

  /** 1001: take a payment. {@code paymentTimeout} bounds the card/QR wait on the terminal. */
  record Pay(Money amount, Channel channel, OutTradeNo outTradeNo, Duration paymentTimeout)
      implements TerminalCommand {
    public Pay {
      Objects.requireNonNull(amount);
      Objects.requireNonNull(channel);
      Objects.requireNonNull(outTradeNo);
      ValidationException.require(
          amount.isPositive(), "INVALID_AMOUNT", "amount", "amount must be greater than zero");
      if (paymentTimeout != null) {
        ValidationException.require(
            !paymentTimeout.isNegative() && !paymentTimeout.isZero(),
            "INVALID_TIMEOUT",
            "paymentTimeout",
            "payment timeout must be positive");
        if (channel == Channel.PAYME) {
          ValidationException.require(
              paymentTimeout.toSeconds() <= 120,
              "INVALID_TIMEOUT",
              "paymentTimeout",
              "PayMe allows at most 120 s");
        }
      }
    }

    @Override
    public int funcType() {
      return 1001;
    }

    @Override
    public boolean isBusiness() {
      return true;
    }
  }

  /** 1002: refund (path {@code /cancel}). {@code amount} null means the full refundable amount. */
  record Refund(Syssn originalSyssn, Money amount) implements TerminalCommand {
    public Refund {
      Objects.requireNonNull(originalSyssn);
      if (amount != null) {
        ValidationException.require(
            amount.isPositive(), "INVALID_AMOUNT", "amount", "refund amount must be positive");
      }
    }

    @Override
    public int funcType() {
      return 1002;
    }

    @Override
    public boolean isBusiness() {
      return true;
    }
  }

  /** 3001: print the receipt of a transaction. */
  record PrintReceipt(Syssn syssn) implements TerminalCommand {
    public PrintReceipt {
      Objects.requireNonNull(syssn);
    }

    @Override
    public int funcType() {
      return 3001;
    }
  }

  /** 3002: print the transaction summary. */
  record PrintSummary() implements TerminalCommand {
    @Override
    public int funcType() {
      return 3002;
    }
  }

  /** 4001: look a transaction up by syssn or by out_trade_no (exactly one is set). */
  record Query(Syssn syssn, OutTradeNo outTradeNo) implements TerminalCommand {
    public Query {
      if ((syssn == null) == (outTradeNo == null)) {
        throw new ValidationException(
            "INVALID_QUERY", "query", "query by exactly one of syssn or out_trade_no");
      }
    }

    public static Query bySyssn(Syssn syssn) {
      return new Query(syssn, null);
    }

    public static Query byOutTradeNo(OutTradeNo no) {
      return new Query(null, no);
    }

    @Override
    public int funcType() {
      return 4001;
    }
  }

  /** 5001: cancel the trade/refund in flight on the terminal. */
  record CancelRequest() implements TerminalCommand {
    @Override
    public int funcType() {
      return 5001;
    }
  }
}
