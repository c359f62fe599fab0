package io.ecrhub.app.persistence.contract;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

/** Empties tables for the domain's persistence contracts, which each start from an empty store. */
final class Tables {
  private Tables() {}

  static void empty(EntityManager em, String... tables) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (String t : tables) {
                em.createNativeQuery("DELETE FROM " + t).executeUpdate();
              }
            });
  }
}
