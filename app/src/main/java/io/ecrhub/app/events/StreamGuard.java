package io.ecrhub.app.events;

import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.security.Authenticator;
import io.ecrhub.app.security.Caller;
import io.ecrhub.domain.terminal.TerminalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Whether the key that opened an event stream may still read it: the key is not revoked and its
 * scope (as stored now) still covers the terminal the stream is about.
 */
@ApplicationScoped
public class StreamGuard {
  private final Authenticator authenticator;
  private final PaymentQueries queries;

  @Inject
  public StreamGuard(Authenticator authenticator, PaymentQueries queries) {
    this.authenticator = authenticator;
    this.queries = queries;
  }

  /** The key as it stands now, or empty when it was revoked. */
  Optional<Caller> current(String keyId) {
    return authenticator.current(keyId);
  }

  /** Whether {@code caller}'s scope covers {@code terminal}. */
  boolean covers(Caller caller, TerminalId terminal) {
    return queries.covers(caller.scope(), terminal);
  }
}
