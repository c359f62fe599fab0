package io.ecrhub.domain.merchant;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.terminal.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Minimal in-memory fakes for the merchant and diagnostics tests (until the domain's shared fakes
 * land). Terminals are stored as copies, and the unit of work restores the store when the work
 * throws, so "nothing half-applied" is observable.
 */
public final class MerchantFakes {
  public static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private MerchantFakes() {}

  /** A valid 32-character key derived from {@code seed} (never the published default). */
  public static PosKey key(char seed) {
    return PosKey.of(String.valueOf(seed).repeat(16) + "0123456789abcdef");
  }

  public static Terminal terminal(String id, String deviceId, String host, PosKey key) {
    return Terminal.builder()
        .id(TerminalId.of(id))
        .name("Till " + id)
        .host(host)
        .transport(Transport.HTTPS)
        .encryption(true)
        .posKey(key)
        .deviceId(deviceId)
        .createdAt(T0)
        .build();
  }

  static Terminal copy(Terminal t, long version) {
    return Terminal.builder()
        .id(t.id())
        .name(t.name())
        .host(t.host())
        .port(t.port())
        .transport(t.transport())
        .encryption(t.encryption())
        .posKey(t.posKey())
        .model(t.model())
        .appVersion(t.appVersion().orElse(null))
        .storeId(t.storeId().orElse(null))
        .deviceId(t.deviceId().orElse(null))
        .tcpFraming(t.tcpFraming())
        .status(t.status())
        .statusDetail(t.statusDetail().orElse(null))
        .createdAt(t.createdAt())
        .updatedAt(t.updatedAt())
        .version(version)
        .build();
  }

  /** Terminals held as copies, with optimistic versions. */
  public static final class InMemoryTerminals implements Terminals {
    final Map<TerminalId, Terminal> store = new LinkedHashMap<>();

    @Override
    public Terminal save(Terminal t) {
      Terminal existing = store.get(t.id());
      if (existing != null && existing.version() != t.version()) {
        throw new ConcurrentModificationException("terminal " + t.id());
      }
      Terminal stored = copy(t, t.version() + 1);
      store.put(t.id(), stored);
      return copy(stored, stored.version());
    }

    @Override
    public Optional<Terminal> findById(TerminalId id) {
      return Optional.ofNullable(store.get(id)).map(t -> copy(t, t.version()));
    }

    @Override
    public Optional<Terminal> findByDeviceId(String deviceId) {
      return store.values().stream()
          .filter(t -> t.deviceId().filter(deviceId::equals).isPresent())
          .findFirst()
          .map(t -> copy(t, t.version()));
    }

    @Override
    public Page<Terminal> list(String storeId, String cursor, int limit) {
      List<Terminal> matching =
          all().stream()
              .filter(t -> storeId == null || t.storeId().filter(storeId::equals).isPresent())
              .filter(t -> cursor == null || t.id().value().compareTo(cursor) > 0)
              .toList();
      List<Terminal> page = matching.subList(0, Math.min(limit, matching.size()));
      String next = matching.size() > page.size() ? page.get(page.size() - 1).id().value() : null;
      return new Page<>(page, next);
    }

    @Override
    public List<Terminal> all() {
      return store.values().stream()
          .sorted(Comparator.comparing(t -> t.id().value()))
          .map(t -> copy(t, t.version()))
          .toList();
    }

    @Override
    public boolean delete(TerminalId id) {
      return store.remove(id) != null;
    }

    public Terminal get(String id) {
      return findById(TerminalId.of(id)).orElseThrow();
    }
  }

  /** Runs the work; restores the terminal store if it throws (a rollback). */
  public static final class RollbackUnitOfWork implements UnitOfWork {
    private final InMemoryTerminals terminals;
    public int rollbacks;

    public RollbackUnitOfWork(InMemoryTerminals terminals) {
      this.terminals = terminals;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      Map<TerminalId, Terminal> before = new LinkedHashMap<>(terminals.store);
      try {
        return work.get();
      } catch (RuntimeException e) {
        terminals.store.clear();
        terminals.store.putAll(before);
        rollbacks++;
        throw e;
      }
    }
  }

  /** Held syncs by id; pending ones oldest first. */
  public static final class InMemoryHeldSyncs implements HeldSyncs {
    final Map<String, HeldSync> store = new TreeMap<>();

    @Override
    public void save(HeldSync sync) {
      store.put(sync.id(), sync);
    }

    @Override
    public Optional<HeldSync> find(String id) {
      return Optional.ofNullable(store.get(id));
    }

    @Override
    public List<HeldSync> pending() {
      return store.values().stream()
          .filter(h -> h.status() == HeldSync.Status.PENDING)
          .sorted(Comparator.comparing(HeldSync::createdAt))
          .toList();
    }
  }

  /** The audit log in a list; recent entries newest first by time, then by recording. */
  public static final class InMemoryAudit implements ConfigAudit {
    public final List<ConfigAuditEntry> entries = new ArrayList<>();

    @Override
    public void record(ConfigAuditEntry entry) {
      entries.add(entry);
    }

    @Override
    public List<ConfigAuditEntry> recent(int limit) {
      List<ConfigAuditEntry> r = new ArrayList<>(entries);
      java.util.Collections.reverse(r); // the later recorded first among entries of the same time
      return r.stream()
          .sorted(Comparator.comparing(ConfigAuditEntry::at).reversed())
          .limit(limit)
          .toList();
    }

    public List<ConfigAuditEntry> withAction(AuditAction a) {
      return entries.stream().filter(e -> e.action() == a).toList();
    }
  }

  /** MMS toggles by device. */
  public static final class InMemoryMmsSettings implements MmsDeviceSettings {
    final Map<String, MmsDeviceSetting> store = new TreeMap<>();

    @Override
    public void record(MmsDeviceSetting setting) {
      store.put(setting.deviceId(), setting);
    }

    @Override
    public Optional<MmsDeviceSetting> find(String deviceId) {
      return Optional.ofNullable(store.get(deviceId));
    }
  }

  /** Ids {@code id1, id2, ...}. */
  public static IdGenerator sequentialIds() {
    AtomicInteger n = new AtomicInteger();
    return () -> "id" + n.incrementAndGet();
  }
}
