package io.ecrhub.app.cloud;

import io.ecrhub.cloud.CloudEnvironment;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.cloud.ClientKey;
import io.ecrhub.domain.cloud.CloudSignType;
import io.ecrhub.domain.cloud.StoreCloudAccount;
import io.ecrhub.domain.cloud.StoreCloudAccounts;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.ValidationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Creates, changes, lists and removes the QFPay cloud accounts of stores (ADR 0028). Every field is
 * checked before anything is stored; the client key is never logged (only the account id, store and
 * app code are). The scope of the caller is checked by the resource.
 */
@Singleton
public class CloudAccountAdmin {
  private static final Logger LOG = Logger.getLogger(CloudAccountAdmin.class);

  private final StoreCloudAccounts accounts;
  private final IdGenerator ids;
  private final Clock clock;

  /** A new account; null fields are not given. */
  public record Create(
      String storeId,
      String environment,
      String url,
      String appCode,
      String clientKey,
      String mchid,
      String signType) {}

  /**
   * A change; with {@code replace} every field is set as given (a missing {@code clientKey} keeps
   * the key, a missing {@code mchid} or {@code signType} means none / MD5), else only the fields
   * given change ({@code mchid: ""} removes it).
   */
  public record Change(
      String environment,
      String url,
      String appCode,
      String clientKey,
      String mchid,
      String signType,
      boolean replace) {}

  @Inject
  CloudAccountAdmin(StoreCloudAccounts accounts, IdGenerator ids, Clock clock) {
    this.accounts = accounts;
    this.ids = ids;
    this.clock = clock;
  }

  public StoreCloudAccount create(Create c) {
    StoreCloudAccount.requireStore(c.storeId());
    requireEndpoint(c.environment(), c.url());
    ValidationException.require(
        c.appCode() != null, "FIELD_REQUIRED", "appCode", "appCode is required");
    ValidationException.require(
        c.clientKey() != null, "FIELD_REQUIRED", "clientKey", "clientKey is required");
    ClientKey key = ClientKey.of(c.clientKey());
    var now = clock.instant();
    StoreCloudAccount stored =
        accounts.save(
            new StoreCloudAccount(
                "cla_" + ids.next(),
                c.storeId(),
                c.environment(),
                c.url(),
                c.appCode(),
                c.mchid(),
                CloudSignType.parse(c.signType()),
                key,
                null,
                now,
                now,
                0));
    LOG.infof(
        "QFPay cloud account %s added for store %s (app code %s)",
        stored.id(), stored.storeId(), stored.appCode());
    return stored;
  }

  public StoreCloudAccount get(String id) {
    return accounts
        .find(id)
        .orElseThrow(
            () -> new NotFoundException("CLOUD_ACCOUNT_NOT_FOUND", "no QFPay cloud account " + id));
  }

  /** Accounts of the stores {@code scope} covers (of {@code storeId} only, when given). */
  public Page<StoreCloudAccount> list(String storeId, Scope scope, String cursor, int limit) {
    Set<String> stores;
    if (storeId != null) {
      StoreCloudAccount.requireStore(storeId);
      stores = Set.of(storeId);
      if (!scope.coversStore(storeId)) {
        return new Page<>(java.util.List.of(), null);
      }
    } else if (scope.unrestricted()) {
      stores = Set.of();
    } else if (scope.stores().isEmpty()) {
      return new Page<>(java.util.List.of(), null); // a key of terminals only covers no store
    } else {
      stores = scope.stores();
    }
    return accounts.list(stores, cursor, limit);
  }

  public StoreCloudAccount change(String id, Change c) {
    StoreCloudAccount current = get(id);
    String environment;
    String url;
    if (c.replace() || c.environment() != null || c.url() != null) {
      requireEndpoint(c.environment(), c.url());
      environment = c.environment();
      url = c.url();
    } else {
      environment = current.environment();
      url = current.url();
    }
    String appCode = c.appCode() != null ? c.appCode() : current.appCode();
    if (c.replace()) {
      ValidationException.require(
          c.appCode() != null, "FIELD_REQUIRED", "appCode", "appCode is required");
    }
    String mchid = c.mchid() != null || c.replace() ? c.mchid() : current.mchid();
    CloudSignType signType =
        c.signType() != null || c.replace()
            ? CloudSignType.parse(c.signType())
            : current.signType();
    ClientKey key = c.clientKey() == null ? null : ClientKey.of(c.clientKey());
    StoreCloudAccount stored =
        accounts.save(
            current.changed(environment, url, appCode, mchid, signType, key, clock.instant()));
    LOG.infof(
        "QFPay cloud account %s of store %s changed (app code %s%s)",
        stored.id(),
        stored.storeId(),
        stored.appCode(),
        key == null ? "" : ", client key replaced");
    return stored;
  }

  public void delete(String id) {
    StoreCloudAccount current = get(id);
    accounts.delete(id);
    LOG.infof("QFPay cloud account %s of store %s removed", id, current.storeId());
  }

  /**
   * Either an environment name or a URL QFPay's client would accept ({@code https://}, {@code
   * http://} only for a loopback host), checked by the adapter's own rule.
   */
  static void requireEndpoint(String environment, String url) {
    boolean hasEnv = environment != null && !environment.isBlank();
    boolean hasUrl = url != null && !url.isBlank();
    if (hasEnv == hasUrl) {
      throw new ValidationException(
          "INVALID_CLOUD_ENDPOINT",
          hasEnv ? "url" : "environment",
          "give either environment (production, live-test, sandbox) or url, not both");
    }
    try {
      CloudEnvironment.resolve(url, environment);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "INVALID_CLOUD_ENDPOINT", hasUrl ? "url" : "environment", e.getMessage());
    }
    Optional.ofNullable(url)
        .ifPresent(
            u ->
                ValidationException.require(
                    u.length() <= 500,
                    "INVALID_CLOUD_ENDPOINT",
                    "url",
                    "url must be at most 500 characters"));
  }
}
