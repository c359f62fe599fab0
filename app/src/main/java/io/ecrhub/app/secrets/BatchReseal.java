package io.ecrhub.app.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
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
@ApplicationScoped
public class BatchReseal {
  private static final Logger LOG = Logger.getLogger(BatchReseal.class);

  /** Rows per batch (and per transaction). */
  public static final int BATCH = 100;

  /**
   * Runs outside any transaction; each read of ids and each batch commits on its own ({@link
   * #idsAfter}, {@link #batch}).
   *
   * @param store the store's name, for the log
   * @param idsAfter the next at most {@link #BATCH} ids after the given one ("" first), in order
   * @param resealRow re-seals one row by id inside the batch's transaction; true when it changed it
   * @return how many rows were re-sealed
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public int run(
      String store, Function<String, List<String>> idsAfter, Predicate<String> resealRow) {
    int count = 0;
    String after = "";
    while (true) {
      List<String> ids = idsAfter(idsAfter, after);
      if (ids.isEmpty()) {
        return count;
      }
      count += batch(store, ids, resealRow);
      after = ids.get(ids.size() - 1);
    }
  }

  @Transactional(TxType.REQUIRES_NEW)
  List<String> idsAfter(Function<String, List<String>> idsAfter, String from) {
    return idsAfter.apply(from);
  }

  @Transactional(TxType.REQUIRES_NEW)
  int batch(String store, List<String> ids, Predicate<String> resealRow) {
    return (int) ids.stream().filter(id -> safely(store, id, resealRow)).count();
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
