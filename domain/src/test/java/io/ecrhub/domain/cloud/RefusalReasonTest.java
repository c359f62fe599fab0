package io.ecrhub.domain.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefusalReasonTest {

  @Test
  void mapsTheDocumentedRefusalCodes() {
    assertThat(RefusalReason.ofRespcd("1265")).contains(RefusalReason.REFUND_WINDOW_CLOSED);
    assertThat(RefusalReason.ofRespcd("1269")).contains(RefusalReason.INSUFFICIENT_BALANCE);
    assertThat(RefusalReason.ofRespcd("1270")).contains(RefusalReason.PARTIAL_REFUND_NOT_ALLOWED);
    assertThat(RefusalReason.ofRespcd("1271")).contains(RefusalReason.PARTIAL_REFUND_NOT_SUPPORTED);
    assertThat(RefusalReason.ofRespcd("1272")).contains(RefusalReason.EXCEEDS_REFUNDABLE);
    assertThat(RefusalReason.ofRespcd("1136")).contains(RefusalReason.NO_SUCH_TRANSACTION);
    assertThat(RefusalReason.ofRespcd("1205")).isEmpty();
  }

  @Test
  void windowReopensAtHalfPastMidnightHongKong() {
    // 23:45 HKT on 1 March = 15:45 UTC: reopens 00:30 HKT on 2 March = 16:30 UTC on 1 March
    assertThat(RefusalReason.windowReopensAfter(Instant.parse("2026-03-01T15:45:00Z")))
        .isEqualTo(Instant.parse("2026-03-01T16:30:00Z"));
    // 00:10 HKT on 2 March = 16:10 UTC on 1 March: reopens twenty minutes later
    assertThat(RefusalReason.windowReopensAfter(Instant.parse("2026-03-01T16:10:00Z")))
        .isEqualTo(Instant.parse("2026-03-01T16:30:00Z"));
  }
}
