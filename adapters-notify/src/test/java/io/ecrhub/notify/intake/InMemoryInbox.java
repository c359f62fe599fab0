package io.ecrhub.notify.intake;

import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.Page;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory inbox with a unique dedupe key, and a switch that makes it fail like a lost database.
 */
class InMemoryInbox implements NotificationInbox {
  final Map<String, InboxEntry> rows = new ConcurrentHashMap<>();
  final Map<String, String> dedupe = new ConcurrentHashMap<>();
  volatile boolean down;

  @Override
  public Optional<InboxEntry> storeVerified(InboxEntry entry) {
    checkUp();
    if (entry.dedupeKey() != null && dedupe.putIfAbsent(entry.dedupeKey(), entry.id()) != null) {
      return Optional.empty();
    }
    rows.put(entry.id(), entry);
    return Optional.of(entry);
  }

  @Override
  public void storeRejected(InboxEntry entry) {
    checkUp();
    rows.put(entry.id(), entry);
  }

  @Override
  public void updateStatus(String entryId, InboxStatus status, String note) {
    checkUp();
    rows.computeIfPresent(entryId, (k, e) -> e.withStatus(status, note));
  }

  @Override
  public Optional<InboxEntry> findById(String entryId) {
    checkUp();
    return Optional.ofNullable(rows.get(entryId));
  }

  @Override
  public Optional<InboxEntry> findByDedupeKey(String dedupeKey) {
    checkUp();
    return Optional.ofNullable(dedupe.get(dedupeKey)).map(rows::get);
  }

  @Override
  public List<InboxEntry> findParked(int limit) {
    return byStatus(InboxStatus.PARKED, limit);
  }

  @Override
  public Page<InboxEntry> list(InboxStatus status, String cursor, int limit) {
    return new Page<>(byStatus(status, limit), null);
  }

  List<InboxEntry> byStatus(InboxStatus status, int limit) {
    checkUp();
    return rows.values().stream()
        .filter(e -> status == null || e.status() == status)
        .sorted(Comparator.comparing(InboxEntry::receivedAt).thenComparing(InboxEntry::id))
        .limit(limit)
        .toList();
  }

  private void checkUp() {
    if (down) {
      throw new IllegalStateException("database unavailable");
    }
  }
}
