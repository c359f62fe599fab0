package io.ecrhub.app.persistence;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hibernate.StaleStateException;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Optimistic saves of aggregates: a new aggregate (version 0) is inserted as version 1; an
 * aggregate loaded at version v is stored as v + 1 only if the row is still at v, in one
 * conditional {@code UPDATE} (the row's {@code @Version}, see {@link VersionedRow}), which also
 * locks the row until commit; anything else is a {@link ConcurrentModificationException}. A save
 * that changes no column writes nothing and keeps the version.
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
    // Usually already in this transaction's persistence context (the use case read it): no
    // statement. The version check here catches a change committed before that read; the
    // update's own version condition catches one committed after it.
    E row = em.find(type, id);
    if (row == null || row.version != version) {
      throw new ConcurrentModificationException(what);
    }
    copy.accept(row);
    try {
      em.flush();
    } catch (OptimisticLockException | StaleStateException e) {
      throw new ConcurrentModificationException(what);
    }
    return row;
  }

  /** Whether this transaction's persistence context holds the row (found without a statement). */
  static boolean managed(EntityManager em, Class<?> type, String id) {
    SessionImplementor session = em.unwrap(SessionImplementor.class);
    EntityPersister persister =
        session.getFactory().getMappingMetamodel().getEntityDescriptor(type);
    return session
            .getPersistenceContextInternal()
            .getEntity(session.generateEntityKey(id, persister))
        != null;
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
