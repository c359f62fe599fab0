package io.ecrhub.domain.testing;

import io.ecrhub.domain.diagnostics.DiagnosticResults;

class InMemoryDiagnosticResultsTest extends DiagnosticResultsContract {
  @Override
  protected DiagnosticResults create() {
    return new InMemoryDiagnosticResults();
  }
}
