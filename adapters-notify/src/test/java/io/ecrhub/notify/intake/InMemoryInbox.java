package io.ecrhub.notify.intake;

import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.Page;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory inbox with a unique dedupe key, and a switch that makes it fail like a lost database.
 */
class InMemoryInbox implements NotificationInbox {
  final Map<String, InboxEntry> rows = new ConcurrentHashMap<>();
  final Map<String, String> dedupe = new ConcurrentHashMap<>();
  volatile boolean down;

  /** Dedupe keys another instance has stored (outside this test's transactions). */
  final Set<String> storedElsewhere = ConcurrentHashMap.newKeySet();

  /** Sizes of the groups given to {@link #storeVerifiedAll}, in order. */
  final List<Integer> groupSizes = new CopyOnWriteArrayList<>();

  /** Runs right after a group's duplicate look-up (to let "another instance" store meanwhile). */
  volatile Runnable afterDedupeCheck = () -> {};

  @Override
  public Optional<InboxEntry> storeVerified(InboxEntry entry) {
    checkUp();
    if (entry.dedupeKey() != null && storedElsewhere.contains(entry.dedupeKey())) {
      return Optional.empty();
    }
    if (entry.dedupeKey() != null && dedupe.putIfAbsent(entry.dedupeKey(), entry.id()) != null) {
      return Optional.empty();
    }
    rows.put(entry.id(), entry);
    return Optional.of(entry);
  }

  @Override
  public int storeVerifiedAll(List<InboxEntry> entries) {
    groupSizes.add(entries.size());
    return NotificationInbox.super.storeVerifiedAll(entries);
  }

  @Override
  public Set<String> storedDedupeKeys(Collection<String> dedupeKeys) {
    Set<String> stored = NotificationInbox.super.storedDedupeKeys(dedupeKeys);
    afterDedupeCheck.run();
    return stored;
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
  public Page<InboxEntry> search(Filter filter, String cursor, int limit) {
    checkUp();
    return new Page<>(
        rows.values().stream()
            .filter(filter::matches)
            .sorted(Comparator.comparing(InboxEntry::receivedAt).thenComparing(InboxEntry::id))
            .limit(limit)
            .toList(),
        null);
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
