package io.ecrhub.domain.testing;

import io.ecrhub.domain.settlement.SettlementRun;
import io.ecrhub.domain.settlement.SettlementRuns;
import io.ecrhub.domain.shared.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fake {@link SettlementRuns}: runs in memory; the cursor is the last id returned. */
public final class InMemorySettlementRuns implements SettlementRuns {
  private static final Comparator<SettlementRun> NEWEST_FIRST =
      Comparator.comparing(SettlementRun::ranAt).thenComparing(SettlementRun::id).reversed();
  private final Map<String, SettlementRun> runs = new ConcurrentHashMap<>();

  @Override
  public void save(SettlementRun run) {
    if (runs.putIfAbsent(run.id(), run) != null) {
      throw new IllegalStateException("run " + run.id() + " exists");
    }
  }

  @Override
  public Optional<SettlementRun> find(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  @Override
  public Page<SettlementRun> list(String cursor, int limit) {
    List<SettlementRun> all = new ArrayList<>(runs.values());
    all.sort(NEWEST_FIRST);
    int start = 0;
    if (cursor != null) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).id().equals(cursor)) {
          start = i + 1;
        }
      }
    }
    int end = Math.min(all.size(), start + limit);
    List<SettlementRun> items =
        all.subList(start, end).stream()
            .map(
                r ->
                    new SettlementRun(
                        r.id(),
                        r.date(),
                        r.zone(),
                        r.ranAt(),
                        r.status(),
                        r.matched(),
                        r.amountDiffers(),
                        r.onlyAtQfpay(),
                        r.onlyInHub(),
                        r.detail(),
                        List.of()))
            .toList();
    return new Page<>(items, end < all.size() ? items.getLast().id() : null);
  }
}
