package io.ecrhub.app.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The bearer API key of a request, handed from the HTTP mechanism to the identity provider. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
  private final String key;

  ApiKeyAuthenticationRequest(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }

  @Override
  public String toString() {
    return "ApiKeyAuthenticationRequest[key masked]";
  }
}
