package io.ecrhub.domain.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.ValidationException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryModelTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void recordedIsNotDelivered_untilTheConsumerAcknowledges() {
    OutboxMessage m = OutboxMessage.record("m1", "s1", "payment.succeeded", new byte[] {1}, T0);
    assertThat(m.status()).isEqualTo(DeliveryStatus.RECORDED);
    assertThat(m.isDue(T0)).isTrue();

    m.claim(T0, Duration.ofMinutes(1));
    assertThat(m.status()).isEqualTo(DeliveryStatus.DELIVERING);
    assertThat(m.isDue(T0.plusSeconds(30))).isFalse();

    m.delivered(T0.plusSeconds(1));
    assertThat(m.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(m.attempts()).isEqualTo(1);
    assertThat(m.isDue(T0.plusSeconds(3600))).isFalse();
  }

  @Test
  void illegalTransitionsAreRefused() {
    OutboxMessage m = OutboxMessage.record("m1", "s1", "payment.succeeded", new byte[] {1}, T0);
    assertThatThrownBy(() -> m.delivered(T0)).isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> m.replay(T0)).isInstanceOf(DomainException.class);
    m.claim(T0, Duration.ofMinutes(1));
    m.failed(T0, "HTTP 500", Optional.empty());
    assertThat(m.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
    assertThatThrownBy(() -> m.claim(T0, Duration.ofMinutes(1)))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void eventFilter_matchesExactFamilyAndWildcard() {
    assertThat(EventFilter.of("payment.succeeded").matches(List.of("payment.succeeded"))).isTrue();
    assertThat(EventFilter.of("payment.succeeded").matches(List.of("refund.succeeded"))).isFalse();
    assertThat(EventFilter.of("refund.*").matches(List.of("refund.unknown_resolved"))).isTrue();
    assertThat(EventFilter.of("refund.*").matches(List.of("refunds.x"))).isFalse();
    assertThat(EventFilter.of("*").matches(List.of("preauth.released"))).isTrue();
    assertThatThrownBy(() -> EventFilter.of("payment")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> EventFilter.of("PAYMENT.x")).isInstanceOf(ValidationException.class);
  }

  @Test
  void subscriptionTarget_mustBeHttpWithoutCredentials() {
    assertThatThrownBy(() -> Subscription.checkTarget(URI.create("ftp://x.example/a")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Subscription.checkTarget(URI.create("https://u:p@x.example/a")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Subscription.checkTarget(URI.create("/relative")))
        .isInstanceOf(ValidationException.class);
    Subscription.checkTarget(URI.create("https://erp.example.com:8443/qfpay/notify"));
  }

  @Test
  void secretsMaskThemselves() {
    WebhookSecret s = WebhookSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(s.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").contains("whse");
    assertThat(s.toString()).doesNotContain("9r8GKYqrTwjUPD8");
  }

  @Test
  void eventFilter_writtenOutLongerThanItsColumn_isRefused() {
    assertThat(io.ecrhub.domain.testing.EventFilters.widest().text()).hasSize(EventFilter.MAX_TEXT);
    java.util.List<String> tooWide =
        io.ecrhub.domain.testing.EventFilters.patternsWrittenAs(EventFilter.MAX_TEXT + 1);
    assertThat(String.join(",", new java.util.TreeSet<>(tooWide)))
        .hasSize(EventFilter.MAX_TEXT + 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new EventFilter(java.util.Set.copyOf(tooWide)))
        .isInstanceOf(io.ecrhub.domain.shared.ValidationException.class)
        .hasMessageContaining("2000");
  }
}
