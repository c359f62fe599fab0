package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.TransactionStatus.CANCELLED;
import static io.ecrhub.domain.transaction.TransactionStatus.DECLINED;
import static io.ecrhub.domain.transaction.TransactionStatus.FAILED;
import static io.ecrhub.domain.transaction.TransactionStatus.IN_PROGRESS;
import static io.ecrhub.domain.transaction.TransactionStatus.PENDING;
import static io.ecrhub.domain.transaction.TransactionStatus.SUCCEEDED;
import static io.ecrhub.domain.transaction.TransactionStatus.UNKNOWN;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The legal transitions shared by payments and refunds. */
final class StateMachine {
  private static final Map<TransactionStatus, Set<TransactionStatus>> ALLOWED =
      Map.of(
          PENDING, EnumSet.of(IN_PROGRESS, FAILED, CANCELLED),
          IN_PROGRESS, EnumSet.of(SUCCEEDED, DECLINED, CANCELLED, FAILED, UNKNOWN),
          UNKNOWN, EnumSet.of(SUCCEEDED, DECLINED, CANCELLED),
          SUCCEEDED, EnumSet.noneOf(TransactionStatus.class),
          DECLINED, EnumSet.noneOf(TransactionStatus.class),
          CANCELLED, EnumSet.noneOf(TransactionStatus.class),
          FAILED, EnumSet.noneOf(TransactionStatus.class));

  private StateMachine() {}

  static boolean allowed(TransactionStatus from, TransactionStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  static void check(String what, TransactionStatus from, TransactionStatus to) {
    if (!allowed(from, to)) {
      throw new TransitionRefusedException(what, from, to);
    }
  }
}
