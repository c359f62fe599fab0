package io.ecrhub.notify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferringPublisherTest {
  private final List<String> published = new ArrayList<>();

  private DomainEvent event(String type) {
    return new DomainEvent() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public String aggregateId() {
        return "pay_1";
      }

      @Override
      public Instant occurredAt() {
        return Instant.EPOCH;
      }
    };
  }

  @Test
  void deferring_holdsEventsUntilTheWorkReturns_andDropsThemWhenItThrows() {
    DeferringPublisher p = new DeferringPublisher(e -> published.add(e.type()));
    p.holding(
        () -> {
          p.publish(event("a"));
          assertThat(published).isEmpty();
          return null;
        });
    assertThat(published).containsExactly("a");
    assertThatThrownBy(
            () ->
                p.holding(
                    () -> {
                      p.publish(event("b"));
                      throw new IllegalStateException("rolled back");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(published).containsExactly("a");
  }

  @Test
  void transactional_passesEventsStraightThrough_insideTheWork() {
    DeferringPublisher p = DeferringPublisher.transactional(e -> published.add(e.type()));
    p.holding(
        () -> {
          p.publish(event("a"));
          assertThat(published).containsExactly("a");
          return null;
        });
    p.publish(event("b"));
    assertThat(published).containsExactly("a", "b");
  }
}
