package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.Repositories.TerminalRepository;
import io.ecrhub.app.secrets.BatchReseal;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.app.secrets.SealedSecretStore;
import io.ecrhub.app.secrets.SealingException;
import io.ecrhub.app.terminals.TerminalDirectory;
import io.ecrhub.app.web.Cursors;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.shared.SecretSealer;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.Currencies;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalModel;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.terminal.Transport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Adapter: the terminal registry in the {@code terminal} table, POS keys sealed at rest. */
@ApplicationScoped
@Transactional
public class PanacheTerminals implements Terminals, TerminalDirectory, SealedSecretStore {
  /** The sealed POS key of a row, re-sealed by {@link #resealAll}. */
  private static final SealedColumn<TerminalEntity> POS_KEY =
      new SealedColumn<>(
          e -> e.id,
          e -> e.posKeySealed,
          (e, v) -> e.posKeySealed = v,
          PanacheTerminals::sealedFor);

  private static final Logger LOG = Logger.getLogger(PanacheTerminals.class);

  /** Shown as the status detail of a terminal whose stored POS key does not open. */
  static final String UNREADABLE_DETAIL =
      "POS_KEY_UNREADABLE: the stored POS key does not open (copied from another row, tampered"
          + " with, or sealed under a master key that is not configured); enter the POS key again"
          + " and enable the terminal";

  private static final Set<String> UNREADABLE_LOGGED = ConcurrentHashMap.newKeySet();

  private final TerminalRepository repo;
  private final SecretSealer sealer;
  private final BatchReseal reseal;

  @Inject
  PanacheTerminals(TerminalRepository repo, SecretSealer sealer, BatchReseal reseal) {
    this.repo = repo;
    this.sealer = sealer;
    this.reseal = reseal;
  }

  @Override
  public Terminal save(Terminal t) {
    TerminalEntity row =
        VersionedSaves.save(
            repo.getEntityManager(),
            TerminalEntity.class,
            t.id().value(),
            t.version(),
            TerminalEntity::new,
            e -> copy(t, e),
            "terminal " + t.id());
    return toDomain(row);
  }

  private void copy(Terminal t, TerminalEntity e) {
    e.name = t.name();
    e.host = t.host();
    e.port = t.port();
    e.transport = t.transport().name();
    e.encryption = t.encryption();
    e.posKeySealed = sealer.seal(t.posKey().reveal(), sealedFor(t.id().value()));
    e.model = t.model().name();
    e.appVersion = t.appVersion().map(AppVersion::toString).orElse(null);
    e.storeId = t.storeId().orElse(null);
    e.deviceId = t.deviceId().orElse(null);
    e.cloudFallback = t.cloudFallback();
    e.tcpFraming = t.tcpFraming().name();
    e.status = t.status().name();
    e.statusDetail = Times.clip(t.statusDetail().orElse(null), 2000);
    e.currencies = t.currencies().map(Currencies::toString).orElse(null);
    e.createdAt = Times.db(t.createdAt());
    e.updatedAt = Times.db(t.updatedAt());
  }

  private static SealedFor sealedFor(String id) {
    return new SealedFor("terminal", "pos_key_sealed", id);
  }

  /**
   * The stored POS key, or, when it does not open (sealed for another row, tampered with, or under
   * a master key that is not configured), a random stand-in with the terminal loaded as DISABLED:
   * the hub never sends with it, lists the terminal with the reason, and an operator (or an MMS
   * import) enters the key again. Logged once per terminal, without the value.
   */
  private Terminal toDomain(TerminalEntity e) {
    try {
      return toDomain(e, PosKey.of(sealer.open(e.posKeySealed, sealedFor(e.id)), true), null);
    } catch (SealingException ex) {
      if (UNREADABLE_LOGGED.add(e.id + "|" + e.posKeySealed)) {
        LOG.warnf(
            "terminal %s is disabled until its POS key is entered again: %s",
            e.id, ex.getMessage());
      }
      return toDomain(e, PosKey.of(StandInKey.random(), true), UNREADABLE_DETAIL);
    }
  }

  private Terminal toDomain(TerminalEntity e, PosKey key, String unreadable) {
    return Terminal.builder()
        .id(TerminalId.of(e.id))
        .name(e.name)
        .host(e.host)
        .port(e.port)
        .transport(Transport.valueOf(e.transport))
        .encryption(e.encryption)
        .posKey(key)
        .model(TerminalModel.valueOf(e.model))
        .appVersion(e.appVersion == null ? null : AppVersion.parse(e.appVersion))
        .storeId(e.storeId)
        .deviceId(e.deviceId)
        .cloudFallback(e.cloudFallback)
        .tcpFraming(TcpFraming.valueOf(e.tcpFraming))
        .status(unreadable == null ? TerminalStatus.valueOf(e.status) : TerminalStatus.DISABLED)
        .statusDetail(unreadable == null ? e.statusDetail : unreadable)
        .currencies(e.currencies == null ? null : Currencies.of(e.currencies))
        .createdAt(e.createdAt)
        .updatedAt(e.updatedAt)
        .version(e.version)
        .build();
  }

  @Override
  public Optional<Terminal> findById(TerminalId id) {
    return repo.findByIdOptional(id.value()).map(this::toDomain);
  }

  @Override
  public Optional<Terminal> findByDeviceId(String deviceId) {
    return repo.find("deviceId", deviceId).firstResultOptional().map(this::toDomain);
  }

  @Override
  public Page<Terminal> list(String storeId, String cursor, int limit) {
    return list(storeId, Scope.ALL, cursor, limit);
  }

  @Override
  public Page<Terminal> list(String storeId, Scope scope, String cursor, int limit) {
    StringBuilder q = new StringBuilder("1 = 1");
    Map<String, Object> p = new HashMap<>();
    if (storeId != null) {
      q.append(" and storeId = :store");
      p.put("store", storeId);
    }
    if (!scope.unrestricted()) {
      List<String> either = new ArrayList<>();
      if (!scope.stores().isEmpty()) {
        either.add("storeId in :scopeStores");
        p.put("scopeStores", scope.stores());
      }
      if (!scope.terminals().isEmpty()) {
        either.add("id in :scopeTerminals");
        p.put("scopeTerminals", scope.terminals());
      }
      q.append(" and (").append(String.join(" or ", either)).append(')');
    }
    if (cursor != null) {
      q.append(" and id > :after");
      p.put("after", Cursors.idOf(cursor));
    }
    List<TerminalEntity> rows =
        repo.find(q + " order by id", p).range(0, limit).list(); // limit + 1 rows
    boolean more = rows.size() > limit;
    List<TerminalEntity> page = more ? rows.subList(0, limit) : rows;
    String next = more ? Cursors.ofId(page.get(page.size() - 1).id) : null;
    return new Page<>(page.stream().map(this::toDomain).toList(), next);
  }

  @Override
  public List<Terminal> all() {
    return repo.find("order by id").list().stream().map(this::toDomain).toList();
  }

  @Override
  public boolean delete(TerminalId id) {
    return repo.deleteById(id.value());
  }

  @Override
  public String name() {
    return "terminal POS keys";
  }

  @Override
  @Transactional(Transactional.TxType.NEVER)
  public int resealAll(Resealer resealer) {
    return POS_KEY.resealAll(reseal, name(), repo, resealer);
  }
}
