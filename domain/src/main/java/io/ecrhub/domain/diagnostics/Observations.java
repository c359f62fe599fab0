package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.TerminalOutcome;
import java.util.List;

/**
 * What diagnostics observed. A null part was not observed (a prerequisite failed, or the fact is
 * not available where the checks run) and its checks are SKIPPED.
 *
 * @param ecrPort connect to the ECR port
 * @param rawTcpPort connect to the raw TCP port, when configured
 * @param tls the TLS probe of the ECR port
 * @param ecrAnswer outcome of a query for an order that does not exist
 * @param addresses address history, oldest first (empty when unknown)
 */
public record Observations(
    TcpObservation ecrPort,
    TcpObservation rawTcpPort,
    TlsObservation tls,
    TerminalOutcome ecrAnswer,
    NotificationFacts notifications,
    List<AddressSighting> addresses) {

  public Observations {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }
}
