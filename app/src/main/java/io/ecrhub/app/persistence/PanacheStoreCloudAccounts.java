package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.Repositories.StoreCloudAccountRepository;
import io.ecrhub.app.secrets.BatchReseal;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.app.secrets.SealedSecretStore;
import io.ecrhub.app.secrets.SealingException;
import io.ecrhub.app.web.Cursors;
import io.ecrhub.domain.cloud.ClientKey;
import io.ecrhub.domain.cloud.CloudSignType;
import io.ecrhub.domain.cloud.StoreCloudAccount;
import io.ecrhub.domain.cloud.StoreCloudAccounts;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.shared.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Adapter: QFPay cloud accounts per store in {@code store_cloud_account} (ADR 0028). The client key
 * is sealed bound to its row and column ({@code store_cloud_account.client_key_sealed[id]}, ADR
 * 0011) and re-sealed on master-key rotation like the POS keys. A key that does not open is loaded
 * as unreadable (the account serves nothing until the key is entered again), logged once per row by
 * id and reason, never by value.
 */
@ApplicationScoped
@Transactional
public class PanacheStoreCloudAccounts implements StoreCloudAccounts, SealedSecretStore {
  /** The sealed client key of a row, re-sealed by {@link #resealAll}. */
  private static final SealedColumn<StoreCloudAccountEntity> CLIENT_KEY =
      new SealedColumn<>(
          e -> e.id,
          e -> e.clientKeySealed,
          (e, v) -> e.clientKeySealed = v,
          PanacheStoreCloudAccounts::sealedFor);

  private static final Logger LOG = Logger.getLogger(PanacheStoreCloudAccounts.class);

  /** Why an account's key is unusable when it does not open. */
  static final String UNREADABLE =
      "CLIENT_KEY_UNREADABLE: the stored client key does not open (copied from another row,"
          + " tampered with, or sealed under a master key that is not configured); enter the"
          + " client key again";

  private static final Set<String> UNREADABLE_LOGGED = ConcurrentHashMap.newKeySet();

  private final StoreCloudAccountRepository repo;
  private final SecretSealer sealer;
  private final BatchReseal reseal;

  @Inject
  PanacheStoreCloudAccounts(
      StoreCloudAccountRepository repo, SecretSealer sealer, BatchReseal reseal) {
    this.repo = repo;
    this.sealer = sealer;
    this.reseal = reseal;
  }

  static SealedFor sealedFor(String id) {
    return new SealedFor("store_cloud_account", "client_key_sealed", id);
  }

  @Override
  public StoreCloudAccount save(StoreCloudAccount a) {
    if (a.version() == 0 && repo.count("storeId", a.storeId()) > 0) {
      throw exists(a.storeId());
    }
    StoreCloudAccountEntity row;
    try {
      row =
          VersionedSaves.save(
              repo.getEntityManager(),
              StoreCloudAccountEntity.class,
              a.id(),
              a.version(),
              StoreCloudAccountEntity::new,
              e -> copy(a, e),
              "cloud account " + a.id());
    } catch (ConcurrentModificationException e) {
      if (a.version() == 0) {
        throw exists(a.storeId()); // the store's unique index: a concurrent create won
      }
      throw e;
    }
    return toDomain(row);
  }

  private static DomainException exists(String storeId) {
    return new DomainException(
        "CLOUD_ACCOUNT_EXISTS",
        "storeId",
        "store " + storeId + " has a QFPay cloud account already; change it (PUT/PATCH) instead");
  }

  private void copy(StoreCloudAccount a, StoreCloudAccountEntity e) {
    e.storeId = a.storeId();
    e.environment = a.environment();
    e.baseUrl = a.url();
    e.appCode = a.appCode();
    e.mchid = a.mchid();
    e.signType = a.signType().name();
    if (a.clientKey() != null) {
      String current = e.clientKeySealed;
      boolean same = current != null && a.clientKey().equals(openOrNull(current, a.id()));
      if (!same) {
        e.clientKeySealed = sealer.seal(a.clientKey().reveal(), sealedFor(a.id()));
      }
    }
    e.createdAt = Times.db(a.createdAt());
    e.updatedAt = Times.db(a.updatedAt());
  }

  private ClientKey openOrNull(String sealed, String id) {
    try {
      return ClientKey.of(sealer.open(sealed, sealedFor(id)));
    } catch (SealingException | DomainException e) {
      return null;
    }
  }

  private StoreCloudAccount toDomain(StoreCloudAccountEntity e) {
    ClientKey key;
    String unreadable = null;
    try {
      key = ClientKey.of(sealer.open(e.clientKeySealed, sealedFor(e.id)));
    } catch (SealingException | DomainException ex) {
      if (UNREADABLE_LOGGED.add(e.id + "|" + e.clientKeySealed)) {
        LOG.warnf(
            "QFPay cloud account %s (store %s) is not used until its client key is entered again:"
                + " %s",
            e.id, e.storeId, ex.getMessage());
      }
      key = null;
      unreadable = UNREADABLE;
    }
    return new StoreCloudAccount(
        e.id,
        e.storeId,
        e.environment,
        e.baseUrl,
        e.appCode,
        e.mchid,
        CloudSignType.valueOf(e.signType),
        key,
        unreadable,
        e.createdAt,
        e.updatedAt,
        e.version);
  }

  @Override
  public Optional<StoreCloudAccount> find(String id) {
    return repo.findByIdOptional(id).map(this::toDomain);
  }

  @Override
  public Optional<StoreCloudAccount> findByStore(String storeId) {
    return repo.find("storeId", storeId).firstResultOptional().map(this::toDomain);
  }

  @Override
  public Optional<Stamp> stampOf(String storeId) {
    List<Object[]> rows =
        repo.getEntityManager()
            .createQuery(
                "select e.id, e.version from StoreCloudAccountEntity e where e.storeId = ?1",
                Object[].class)
            .setParameter(1, storeId)
            .getResultList();
    return rows.stream().findFirst().map(r -> new Stamp((String) r[0], (Long) r[1]));
  }

  @Override
  public Page<StoreCloudAccount> list(Set<String> stores, String cursor, int limit) {
    StringBuilder q = new StringBuilder("1 = 1");
    Map<String, Object> p = new HashMap<>();
    if (!stores.isEmpty()) {
      q.append(" and storeId in :stores");
      p.put("stores", stores);
    }
    if (cursor != null) {
      q.append(" and id > :after");
      p.put("after", Cursors.idOf(cursor));
    }
    List<StoreCloudAccountEntity> rows =
        repo.find(q + " order by id", p).range(0, limit).list(); // limit + 1 rows
    boolean more = rows.size() > limit;
    List<StoreCloudAccountEntity> page = more ? rows.subList(0, limit) : rows;
    String next = more ? Cursors.ofId(page.get(page.size() - 1).id) : null;
    return new Page<>(page.stream().map(this::toDomain).toList(), next);
  }

  @Override
  public List<String> stores() {
    return repo.getEntityManager()
        .createQuery(
            "select e.storeId from StoreCloudAccountEntity e order by e.storeId", String.class)
        .getResultList();
  }

  @Override
  public boolean any() {
    return repo.count() > 0;
  }

  @Override
  public boolean delete(String id) {
    return repo.deleteById(id);
  }

  @Override
  public String name() {
    return "store cloud client keys";
  }

  /** Each batch of rows is re-sealed in its own transaction ({@link BatchReseal}). */
  @Override
  @Transactional(Transactional.TxType.NEVER)
  public int resealAll(Resealer resealer) {
    return CLIENT_KEY.resealAll(reseal, name(), repo, resealer);
  }
}
