package io.ecrhub.domain.certificate;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Port: the CAs terminal TLS may chain to: QFPay's CA (fingerprint-checked) plus the CAs an
 * operator configured. Never the JVM's default store, never "trust all".
 */
public interface TrustAnchors {
  List<X509Certificate> anchors();

  /** The QFPay CA as loaded and verified. */
  X509Certificate qfpayCa();
}
