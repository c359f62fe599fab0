package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.Secret;
import java.nio.charset.StandardCharsets;

/**
 * The Open API {@code client_key} QFPay issues with an app code: it signs every request. {@link
 * #toString()} is masked; only {@link #reveal()} gives the text, for signing and sealing.
 */
public final class ClientKey {
  private final String value;

  private ClientKey(String value) {
    this.value = value;
  }

  /** 8-256 characters without white space, as typed by an operator. */
  public static ClientKey of(String value) {
    return new ClientKey(
        Secret.requireSigningText(value, "INVALID_CLIENT_KEY", "clientKey", "client key"));
  }

  /** The secret text, for the signature and for sealing. Never log the result. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientKey other
        && Secret.constantTimeEquals(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ClientKey[" + Secret.mask(value) + "]";
  }
}
