package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.TransactionStatus.CANCELLED;
import static io.ecrhub.domain.transaction.TransactionStatus.DECLINED;
import static io.ecrhub.domain.transaction.TransactionStatus.FAILED;
import static io.ecrhub.domain.transaction.TransactionStatus.IN_PROGRESS;
import static io.ecrhub.domain.transaction.TransactionStatus.PENDING;
import static io.ecrhub.domain.transaction.TransactionStatus.SUCCEEDED;
import static io.ecrhub.domain.transaction.TransactionStatus.UNKNOWN;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.provider.Arguments;

/** The transitions the protocol allows, written out independently of {@link StateMachine}. */
final class Transitions {
  static final Map<TransactionStatus, Set<TransactionStatus>> LEGAL =
      Map.of(
          PENDING, EnumSet.of(IN_PROGRESS, FAILED, CANCELLED),
          IN_PROGRESS, EnumSet.of(SUCCEEDED, DECLINED, CANCELLED, FAILED, UNKNOWN),
          UNKNOWN, EnumSet.of(SUCCEEDED, DECLINED, CANCELLED),
          SUCCEEDED, EnumSet.noneOf(TransactionStatus.class),
          DECLINED, EnumSet.noneOf(TransactionStatus.class),
          CANCELLED, EnumSet.noneOf(TransactionStatus.class),
          FAILED, EnumSet.noneOf(TransactionStatus.class));

  private Transitions() {}

  static boolean legal(TransactionStatus from, TransactionStatus to) {
    return LEGAL.get(from).contains(to);
  }

  /** Every (from, to) pair where {@code to} has a transition method (nothing enters PENDING). */
  static List<Arguments> allPairs() {
    List<Arguments> out = new ArrayList<>();
    for (TransactionStatus from : TransactionStatus.values()) {
      for (TransactionStatus to : TransactionStatus.values()) {
        if (to != PENDING) {
          out.add(Arguments.of(from, to));
        }
      }
    }
    return out;
  }
}
