package io.ecrhub.app.persistence;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Optimistic saves of aggregates: a new aggregate (version 0) is inserted as version 1; an
 * aggregate loaded at version v is stored as v + 1 only if the row is still at v (a conditional
 * UPDATE that also locks the row until commit); anything else is a {@link
 * ConcurrentModificationException}.
 */
final class VersionedSaves {
  private VersionedSaves() {}

  static <E extends VersionedRow> E save(
      EntityManager em,
      Class<E> type,
      String id,
      long version,
      Supplier<E> fresh,
      Consumer<E> copy,
      String what) {
    if (version == 0) {
      return insert(em, id, fresh, copy, what);
    }
    int claimed =
        em.createQuery(
                "update "
                    + type.getSimpleName()
                    + " r set r.version = :next where r.id = :id and r.version = :v")
            .setParameter("next", version + 1)
            .setParameter("id", id)
            .setParameter("v", version)
            .executeUpdate();
    if (claimed != 1) {
      throw new ConcurrentModificationException(what);
    }
    E row = em.find(type, id);
    copy.accept(row);
    row.version = version + 1;
    em.flush();
    return row;
  }

  private static <E extends VersionedRow> E insert(
      EntityManager em, String id, Supplier<E> fresh, Consumer<E> copy, String what) {
    E row = fresh.get();
    row.id = id;
    copy.accept(row);
    row.version = 1;
    try {
      em.persist(row);
      em.flush();
    } catch (PersistenceException e) {
      // the id (or another unique key) was taken meanwhile: a concurrent insert won
      throw new ConcurrentModificationException(what);
    }
    return row;
  }
}
