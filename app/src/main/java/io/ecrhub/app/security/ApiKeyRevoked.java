package io.ecrhub.app.security;

/**
 * An API key was revoked on this instance (a CDI event): work that outlives its request, such as an
 * open event stream, ends at once instead of at its next re-check.
 */
public record ApiKeyRevoked(String keyId) {}
