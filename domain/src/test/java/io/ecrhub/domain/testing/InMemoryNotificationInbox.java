package io.ecrhub.domain.testing;

import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.transaction.NotificationTrail;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link NotificationInbox} in memory: verified entries deduplicated by their dedupe key, rejected
 * ones kept up to a bound (oldest dropped first). As {@link NotificationTrail} it answers from the
 * verified entries' trade references.
 */
public final class InMemoryNotificationInbox implements NotificationInbox, NotificationTrail {
  private static final Comparator<InboxEntry> OLDEST_FIRST =
      Comparator.comparing(InboxEntry::receivedAt).thenComparing(InboxEntry::id);

  private final Map<String, InboxEntry> byId = new LinkedHashMap<>();
  private final Set<String> dedupeKeys = new HashSet<>();
  private final Deque<String> rejected = new ArrayDeque<>();
  private final int maxRejected;

  public InMemoryNotificationInbox() {
    this(1000);
  }

  public InMemoryNotificationInbox(int maxRejected) {
    this.maxRejected = maxRejected;
  }

  @Override
  public synchronized Optional<InboxEntry> storeVerified(InboxEntry entry) {
    if (entry.dedupeKey() != null && !dedupeKeys.add(entry.dedupeKey())) {
      return Optional.empty();
    }
    byId.put(entry.id(), entry);
    return Optional.of(entry);
  }

  @Override
  public synchronized Optional<InboxEntry> findByDedupeKey(String dedupeKey) {
    return byId.values().stream().filter(e -> dedupeKey.equals(e.dedupeKey())).findFirst();
  }

  @Override
  public synchronized void storeRejected(InboxEntry entry) {
    byId.put(entry.id(), entry);
    rejected.addLast(entry.id());
    while (rejected.size() > maxRejected) {
      byId.remove(rejected.removeFirst());
    }
  }

  @Override
  public synchronized void updateStatus(String entryId, InboxStatus status, String note) {
    InboxEntry e = byId.get(entryId);
    if (e != null) {
      byId.put(entryId, e.withStatus(status, note));
    }
  }

  @Override
  public synchronized boolean anyFor(OutTradeNo outTradeNo) {
    return byId.values().stream()
        .anyMatch(
            e -> e.status() != InboxStatus.REJECTED && outTradeNo.value().equals(e.tradeRef()));
  }

  @Override
  public synchronized Optional<InboxEntry> findById(String entryId) {
    return Optional.ofNullable(byId.get(entryId));
  }

  @Override
  public synchronized List<InboxEntry> findParked(int limit) {
    return byId.values().stream()
        .filter(e -> e.status() == InboxStatus.PARKED)
        .sorted(OLDEST_FIRST)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Page<InboxEntry> search(Filter filter, String cursor, int limit) {
    Keyset after = cursor == null ? null : Keyset.parse(cursor);
    List<InboxEntry> matching =
        byId.values().stream()
            .filter(filter::matches)
            .sorted(OLDEST_FIRST.reversed())
            .filter(e -> after == null || after.isFollowedBy(e.receivedAt(), e.id()))
            .limit(limit + 1L)
            .toList();
    boolean more = matching.size() > limit;
    List<InboxEntry> page = more ? matching.subList(0, limit) : matching;
    String next = null;
    if (more) {
      InboxEntry last = page.get(page.size() - 1);
      next = new Keyset(last.receivedAt(), last.id()).format();
    }
    return new Page<>(page, next);
  }
}
