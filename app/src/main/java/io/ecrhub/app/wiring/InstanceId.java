package io.ecrhub.app.wiring;

/** The name of this hub instance: holder of terminal leases, shown in logs. */
public record InstanceId(String value) {
  @Override
  public String toString() {
    return value;
  }
}
