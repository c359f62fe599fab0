package io.ecrhub.app.persistence;

import io.ecrhub.app.secrets.BatchReseal;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.domain.shared.SealedFor;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one sealed secret of each row of an entity keyed by a text id (a terminal's POS key, a store
 * cloud account's client key): how to read and write it and what it is sealed for, so that the
 * stores re-seal theirs the same way, in {@link BatchReseal}'s batches.
 *
 * @param id the row's id
 * @param sealed the sealed value on the row
 * @param write writes the re-sealed value on the row
 * @param purpose what the value of the row with that id is sealed for
 */
record SealedColumn<E>(
    Function<E, String> id,
    Function<E, String> sealed,
    BiConsumer<E, String> write,
    Function<String, SealedFor> purpose) {

  /** Re-seals the column in every row of {@code repo} that needs it; how many rows it changed. */
  int resealAll(
      BatchReseal batches, String store, PanacheRepositoryBase<E, String> repo, Resealer resealer) {
    return batches.run(
        store,
        from ->
            repo.find("id > ?1 order by id", from).range(0, BatchReseal.BATCH - 1).list().stream()
                .map(id)
                .toList(),
        rowId -> {
          E e = repo.findById(rowId);
          if (e == null || !resealer.needsReseal(sealed.apply(e))) {
            return false;
          }
          write.accept(e, resealer.reseal(sealed.apply(e), purpose.apply(id.apply(e))));
          return true;
        });
  }
}
