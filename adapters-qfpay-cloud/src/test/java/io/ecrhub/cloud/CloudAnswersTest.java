package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.Money;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class CloudAnswersTest {
  private static final Currency HKD = Currency.getInstance("HKD");

  private static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  @Test
  void amountsAreExactIntegerCents() throws Exception {
    CloudRecord r =
        CloudAnswers.record(
            json("{\"syssn\":\"1\",\"respcd\":\"0000\",\"txamt\":\"1050\",\"txcurrcd\":\"HKD\"}"),
            HKD);
    assertThat(r.amount()).isEqualTo(Money.of("10.50", "HKD"));
    assertThat(
            CloudAnswers.record(json("{\"syssn\":\"1\",\"respcd\":\"0000\",\"txamt\":7}"), HKD)
                .amount())
        .isEqualTo(Money.of("0.07", "HKD"));
    for (String bad : new String[] {"\"10.50\"", "10.5", "\"1e3\"", "-5", "\"\"", "null"}) {
      assertThatThrownBy(
              () ->
                  CloudAnswers.record(
                      json("{\"syssn\":\"1\",\"respcd\":\"0000\",\"txamt\":" + bad + "}"), HKD))
          .as(bad)
          .isInstanceOf(CloudAnswers.Malformed.class);
    }
  }

  @Test
  void statusCodesIntoOutcomes() {
    Money ten = Money.of("10.00", "HKD");
    CloudRecord ok = new CloudRecord("1", "o", CloudRecord.Kind.PAYMENT, ten, "0000", null, null);
    assertThat(CloudAnswers.ofRecord(ok, ten)).isInstanceOf(CloudOutcome.Settled.class);
    assertThat(CloudAnswers.ofRecord(ok, Money.of("10.01", "HKD")))
        .isInstanceOf(CloudOutcome.Mismatch.class);
    for (String code : new String[] {"1143", "1145"}) {
      CloudRecord p = new CloudRecord("1", "o", CloudRecord.Kind.PAYMENT, ten, code, null, null);
      assertThat(CloudAnswers.ofRecord(p, ten)).isEqualTo(new CloudOutcome.Pending(code, p));
    }
    CloudRecord f = new CloudRecord("1", "o", CloudRecord.Kind.PAYMENT, ten, "1205", null, "x");
    assertThat(CloudAnswers.ofRecord(f, ten)).isEqualTo(new CloudOutcome.Failed("1205", "x"));
  }

  @Test
  void windowClosedCarriesWhenItReopens() {
    Instant at = Instant.parse("2026-03-01T15:45:00Z"); // 23:45 in Hong Kong
    assertThat(CloudAnswers.refusal("1265", "closed", at))
        .isEqualTo(
            new CloudOutcome.Refused(
                RefusalReason.REFUND_WINDOW_CLOSED,
                "closed",
                Instant.parse("2026-03-01T16:30:00Z")));
    assertThat(CloudAnswers.refusal("1108", "sign", at))
        .isEqualTo(new CloudOutcome.Failed("1108", "sign"));
  }
}
