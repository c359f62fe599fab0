package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.Repositories.SecretFormatRepository;
import io.ecrhub.app.secrets.SealFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;

/** Adapter: the finished sealed-secret format upgrades in {@code secret_format}. */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class PanacheSealFormat implements SealFormat {
  private final SecretFormatRepository repo;
  private final Clock clock;

  @Inject
  PanacheSealFormat(SecretFormatRepository repo, Clock clock) {
    this.repo = repo;
    this.clock = clock;
  }

  @Override
  public boolean upgraded() {
    return repo.findByIdOptional(ROW_BOUND).isPresent();
  }

  @Override
  public void markUpgraded() {
    if (repo.findByIdOptional(ROW_BOUND).isEmpty()) {
      SecretFormatEntity row = new SecretFormatEntity();
      row.format = ROW_BOUND;
      row.completedAt = clock.instant();
      repo.persist(row);
    }
  }
}
