package io.ecrhub.domain.cloud;

import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Port: QFPay's transactions in a time window, page by page (Open API {@code /trade/v1/query} with
 * {@code start_time}/{@code end_time}, {@code page}, {@code page_size}). It changes nothing, so the
 * adapter may retry it.
 */
public interface CloudStatements {
  /** QFPay's largest {@code page_size}. */
  int MAX_PAGE_SIZE = 100;

  /**
   * Page {@code page} (from 1) of the transactions QFPay recorded in {@code window}.
   *
   * @param currency the currency of records that name none
   */
  StatementPage statement(CloudWindow window, int page, int pageSize, Currency currency);

  /** What one page request came to. */
  sealed interface StatementPage {
    /** A page; {@code last} when it holds fewer than the page size (QFPay gives no total count). */
    record Page(List<CloudStatementEntry> entries, int page, boolean last)
        implements StatementPage {
      public Page {
        entries = List.copyOf(entries);
      }
    }

    /** QFPay could not be asked, or its answer could not be read: no statement this time. */
    record Unavailable(String reason) implements StatementPage {
      public Unavailable {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
