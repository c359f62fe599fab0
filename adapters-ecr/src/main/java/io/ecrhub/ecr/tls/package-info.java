/**
 * Terminal TLS: the trust anchors (QFPay's CA, fingerprint-checked, plus operator CA files) and the
 * client engines built over exactly those anchors, with host verification and a capture of the
 * presented chain.
 *
 * <p>Invariants: never the JVM default trust store, never "trust all"; TLS 1.2 or 1.3 only; a
 * modified QFPay CA refuses to load.
 */
package io.ecrhub.ecr.tls;
