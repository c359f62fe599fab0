package io.ecrhub.app.secrets;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The master key is missing or malformed. A configuration error: Quarkus prints its one-line
 * message and the hub does not start.
 */
public final class MasterKeyException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  public MasterKeyException(String message) {
    super(message);
    setStackTrace(new StackTraceElement[0]);
  }
}
