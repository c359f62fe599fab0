package io.ecrhub.app.secrets;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The re-sealing loop the row stores share: ids are read in key order, a batch at a time, and each
 * batch is re-sealed in its own transaction, so a rotation over many rows never holds one long
 * transaction and resumes cleanly where it stopped. A row whose value does not open is logged (row
 * id and reason, never the value) and left as it is; the others are still re-sealed.
 */
public final class BatchReseal {
  private static final Logger LOG = Logger.getLogger(BatchReseal.class);

  /** Rows per batch (and per transaction). */
  public static final int BATCH = 100;

  private BatchReseal() {}

  /**
   * @param store the store's name, for the log
   * @param idsAfter the next at most {@link #BATCH} ids after the given one ("" first), in order
   * @param resealRow re-seals one row by id inside the batch's transaction; true when it changed it
   * @return how many rows were re-sealed
   */
  public static int run(
      String store, Function<String, List<String>> idsAfter, Predicate<String> resealRow) {
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
              .call(() -> (int) ids.stream().filter(id -> safely(store, id, resealRow)).count());
      after = ids.get(ids.size() - 1);
    }
  }

  /** Runs one row's re-seal; a value that does not open is reported and skipped. */
  public static boolean safely(String store, String id, Predicate<String> resealRow) {
    try {
      return resealRow.test(id);
    } catch (SealingException e) {
      LOG.warnf("%s: row %s not re-sealed: %s", store, id, e.getMessage());
      return false;
    }
  }
}
