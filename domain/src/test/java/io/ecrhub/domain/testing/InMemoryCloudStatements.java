package io.ecrhub.domain.testing;

import io.ecrhub.domain.cloud.CloudStatementEntry;
import io.ecrhub.domain.cloud.CloudStatements;
import io.ecrhub.domain.cloud.CloudWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fake {@link CloudStatements}: QFPay's records as planted, filtered by the window and paged as
 * QFPay pages (oldest first); {@link #failPage} makes one page unavailable.
 */
public final class InMemoryCloudStatements implements CloudStatements {
  private final List<CloudStatementEntry> entries = new CopyOnWriteArrayList<>();
  private final List<Integer> asked = new CopyOnWriteArrayList<>();
  private volatile int failPage = -1;

  public void add(CloudStatementEntry e) {
    entries.add(e);
  }

  /** Page {@code page} answers {@link StatementPage.Unavailable}. */
  public void failPage(int page) {
    failPage = page;
  }

  /** The page numbers asked for, in order. */
  public List<Integer> asked() {
    return List.copyOf(asked);
  }

  @Override
  public StatementPage statement(CloudWindow window, int page, int pageSize, Currency currency) {
    asked.add(page);
    if (page == failPage) {
      return new StatementPage.Unavailable("page " + page + " failed (fake)");
    }
    List<CloudStatementEntry> in = new ArrayList<>();
    for (CloudStatementEntry e : entries) {
      if (window.contains(e.at())) {
        in.add(e);
      }
    }
    in.sort(Comparator.comparing(CloudStatementEntry::at));
    int from = Math.min(in.size(), (page - 1) * pageSize);
    int to = Math.min(in.size(), from + pageSize);
    return new StatementPage.Page(in.subList(from, to), page, to - from < pageSize);
  }
}
