package io.ecrhub.ecr.channel;

import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Diagnostics: only the TCP connect and the TLS handshake against a terminal, with the hub's trust
 * (anchors and host verification); no request is written and no pin is read or recorded.
 */
public interface TlsProbe {

  /** Connects to the endpoint's host and port and handshakes; never completes exceptionally. */
  CompletionStage<Result> probeTls(TerminalEndpoint endpoint);

  /** How far the probe got. */
  enum Verdict {
    /** The host name does not resolve. */
    UNRESOLVED,
    /** No TCP connection (refused, timed out, no route). */
    UNREACHABLE,
    /** Connected, but the handshake failed for a reason other than trust (e.g. plain HTTP). */
    HANDSHAKE_FAILED,
    /** Handshake reached the certificate, which does not chain to the anchors or fit the host. */
    UNTRUSTED,
    /** Handshake completed with a trusted certificate for the host. */
    OK
  }

  /**
   * What happened.
   *
   * @param leaf the presented leaf, or null if none was presented
   * @param issuers the rest of the presented chain, in order
   * @param protocol negotiated protocol (e.g. TLSv1.3) when OK, else null
   * @param cipherSuite negotiated suite when OK, else null
   * @param detail one line saying what happened
   */
  record Result(
      Verdict verdict,
      LeafCertificate leaf,
      List<LeafCertificate> issuers,
      String protocol,
      String cipherSuite,
      String detail) {
    public Result {
      issuers = issuers == null ? List.of() : List.copyOf(issuers);
    }

    public boolean reachable() {
      return verdict != Verdict.UNRESOLVED && verdict != Verdict.UNREACHABLE;
    }

    public boolean handshakeOk() {
      return verdict == Verdict.OK;
    }
  }
}
