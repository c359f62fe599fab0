package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.secrets.BatchReseal;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.domain.shared.SealedFor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.function.Function;

/**
 * Re-seals one sealed column of the notify stores (webhook secrets, notification keys) row by row,
 * each row in a transaction of its own and only if the row still holds the value read, so an admin
 * change made meanwhile is never overwritten with the old secret. A value that does not open is
 * logged by {@link BatchReseal#safely} and left as it is.
 */
@ApplicationScoped
class SealedColumnReseal {
  private final EntityManager em;

  /** The entity and field that hold the sealed value, and what each row's value is sealed for. */
  record Column(String entity, String field, Function<String, SealedFor> sealedFor) {}

  @Inject
  SealedColumnReseal(EntityManager em) {
    this.em = em;
  }

  /** Re-seals every row that needs it; returns how many changed. */
  @Transactional(TxType.NOT_SUPPORTED)
  int resealAll(String store, Column column, Resealer resealer) {
    int n = 0;
    for (Object[] row : rows(column)) {
      String id = (String) row[0];
      String sealed = (String) row[1];
      if (BatchReseal.safely(store, id, x -> resealRow(column, resealer, id, sealed))) {
        n++;
      }
    }
    return n;
  }

  @Transactional(TxType.REQUIRES_NEW)
  List<Object[]> rows(Column column) {
    return em.createQuery(
            "select e.id, e."
                + column.field()
                + " from "
                + column.entity()
                + " e where e."
                + column.field()
                + " is not null",
            Object[].class)
        .getResultList();
  }

  @Transactional(TxType.REQUIRES_NEW)
  boolean resealRow(Column column, Resealer resealer, String id, String sealed) {
    if (!resealer.needsReseal(sealed)) {
      return false;
    }
    String fresh = resealer.reseal(sealed, column.sealedFor().apply(id));
    em.createQuery(
            "update "
                + column.entity()
                + " e set e."
                + column.field()
                + " = ?1 where e.id = ?2 and e."
                + column.field()
                + " = ?3")
        .setParameter(1, fresh)
        .setParameter(2, id)
        .setParameter(3, sealed)
        .executeUpdate();
    return true;
  }
}
