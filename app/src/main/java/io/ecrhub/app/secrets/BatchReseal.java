package io.ecrhub.app.secrets;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The re-sealing loop the row stores share: ids are read in key order, a batch at a time, and each
 * batch is re-sealed in its own transaction, so a rotation over many rows never holds one long
 * transaction and resumes cleanly where it stopped.
 */
public final class BatchReseal {
  /** Rows per batch (and per transaction). */
  public static final int BATCH = 100;

  private BatchReseal() {}

  /**
   * @param idsAfter the next at most {@link #BATCH} ids after the given one ("" first), in order
   * @param resealRow re-seals one row by id inside the batch's transaction; true when it changed it
   * @return how many rows were re-sealed
   */
  public static int run(Function<String, List<String>> idsAfter, Predicate<String> resealRow) {
    int count = 0;
    String after = "";
    while (true) {
      String from = after;
      List<String> ids = QuarkusTransaction.requiringNew().call(() -> idsAfter.apply(from));
      if (ids.isEmpty()) {
        return count;
      }
      count +=
          QuarkusTransaction.requiringNew()
              .call(() -> (int) ids.stream().filter(resealRow).count());
      after = ids.get(ids.size() - 1);
    }
  }
}
