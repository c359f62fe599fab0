package io.ecrhub.demo;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Demo mode was asked for where it could touch production: Quarkus prints the one-line message and
 * the hub exits with a non-zero status.
 */
public final class DemoModeRefused extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  public DemoModeRefused(String message) {
    super(message);
    setStackTrace(new StackTraceElement[0]);
  }
}
