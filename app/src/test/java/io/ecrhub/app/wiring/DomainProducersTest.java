package io.ecrhub.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class DomainProducersTest {

  @Test
  void cardCutoff_isATimeOfDay_orNone() {
    assertThat(DomainProducers.cardCutoff("23:00")).isEqualTo(LocalTime.of(23, 0));
    assertThat(DomainProducers.cardCutoff(" 23:30 ")).isEqualTo(LocalTime.of(23, 30));
    assertThat(DomainProducers.cardCutoff("none")).isNull();
    assertThat(DomainProducers.cardCutoff("NONE")).isNull();
  }

  @Test
  void cardCutoff_thatIsNotATime_failsStartupWithTheKeyAndTheValue() {
    assertThatThrownBy(() -> DomainProducers.cardCutoff("11pm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ecrhub.refunds.card-cutoff")
        .hasMessageContaining("11pm");
  }
}
