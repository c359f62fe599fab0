package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.CertificatePins;

class InMemoryCertificatePinsTest extends CertificatePinsContract {
  @Override
  protected CertificatePins create() {
    return new InMemoryCertificatePins();
  }
}
