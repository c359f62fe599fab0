package io.ecrhub.simulator;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on one running simulated QFPay terminal: its addresses, what it recorded, and switches
 * for its behaviour. Obtained from {@link TerminalSimulator#terminal(int)}. Thread-safe.
 */
public final class SimulatedTerminal implements AutoCloseable {
  private final SimulatorContext ctx;
  private final TerminalSettings settings;
  private final Ledger ledger;
  private final TerminalOperations ops;
  private final TerminalEngine engine;
  private final TerminalListeners listeners;
  private volatile SimulatorPki.CertifiedKey certificate;

  SimulatedTerminal(SimulatorContext ctx, int number, TerminalConfig cfg) {
    this.ctx = ctx;
    this.settings = new TerminalSettings(cfg);
    this.ledger = new Ledger(ctx.sequence(), number);
    this.ops = new TerminalOperations(settings, ledger, ctx.clock(), ctx.notifier(), ctx.random());
    this.engine = new TerminalEngine(settings, ops, ctx.clock());
    this.certificate =
        ctx.serverCertificate() != null
            ? ctx.serverCertificate()
            : ctx.ca().issueLeaf(ctx.certificateHost());
    this.listeners =
        TerminalListeners.bind(
            ctx.boss(),
            ctx.workers(),
            ctx.host(),
            cfg,
            engine,
            TerminalListeners.sslContext(certificate));
  }

  // ---- addresses ----

  public String id() {
    return settings.terminalId;
  }

  /** The address the listeners are bound to. */
  public String host() {
    return ctx.host();
  }

  /** HTTPS port, or -1 when not served. */
  public int httpsPort() {
    return listeners.httpsPort();
  }

  /** Plain HTTP port, or -1 when not served. */
  public int httpPort() {
    return listeners.httpPort();
  }

  /** Raw TCP port, or -1 when not served. */
  public int tcpPort() {
    return listeners.tcpPort();
  }

  /** {@code https://<host>:<httpsPort>}, the base for {@code /api/pos/...}. */
  public URI httpsUri() {
    return URI.create("https://" + hostForUri() + ":" + httpsPort());
  }

  /** {@code http://<host>:<httpPort>}. */
  public URI httpUri() {
    return URI.create("http://" + hostForUri() + ":" + httpPort());
  }

  // ---- keys and certificates ----

  /** The current POS key (a simulator's key is test material, so it is readable). */
  public String posKey() {
    return settings.posKey;
  }

  public boolean encryption() {
    return settings.encryption;
  }

  /** The CA the HTTPS leaf chains to (the hub's stand-in for QFPay's ca3.crt). */
  public X509Certificate caCertificate() {
    return ctx.ca().certificate();
  }

  public String caCertificatePem() {
    return ctx.ca().certificatePem();
  }

  /** Writes the CA certificate as PEM to {@code file}. */
  public Path writeCaPem(Path file) throws IOException {
    return Files.writeString(file, caCertificatePem(), StandardCharsets.US_ASCII);
  }

  /** The leaf presented to the next HTTPS handshake. */
  public X509Certificate currentLeaf() {
    return certificate.leaf();
  }

  /** Issues a new leaf from the same CA (as after the app regenerates it) for new handshakes. */
  public X509Certificate rotateCertificate() {
    return present(ctx.ca().issueLeaf(ctx.certificateHost()));
  }

  /** Presents a leaf signed by a CA the hub does not trust. */
  public X509Certificate presentForeignCertificate() {
    return present(SimulatorPki.foreignLeaf(ctx.certificateHost()));
  }

  /** Presents a leaf from the right CA that has expired. */
  public X509Certificate presentExpiredCertificate() {
    return present(SimulatorPki.expiredLeaf(ctx.ca(), ctx.certificateHost()));
  }

  /** Presents any chain (e.g. loaded with {@link SimulatorPki#loadChain}). */
  public X509Certificate presentCertificate(SimulatorPki.CertifiedKey key) {
    return present(key);
  }

  private X509Certificate present(SimulatorPki.CertifiedKey key) {
    listeners.sslContext(TerminalListeners.sslContext(key));
    certificate = key;
    return key.leaf();
  }

  /** As if MMS regenerated the key: requests signed with the old key now fail (4003/5001). */
  public void changePosKey(String newKey) {
    TerminalConfig.checkKey(newKey);
    settings.posKey = newKey;
  }

  /** The MMS encryption toggle: whether requests must be AES-encrypted. */
  public void setEncryption(boolean on) {
    settings.encryption = on;
  }

  /** Whether responses are AES-encrypted as well (the docs say so; Odoo found them plain). */
  public void setEncryptResponses(boolean on) {
    settings.encryptResponses = on;
  }

  // ---- behaviour ----

  /** How long payments wait for the card from now on. */
  public void setCardWait(Duration wait) {
    settings.cardWait = nonNegative(wait);
  }

  /** How long refunds wait for the operator from now on. */
  public void setRefundWait(Duration wait) {
    settings.refundWait = nonNegative(wait);
  }

  /** The next payment or refund is declined ({@code 6002}) with {@code message}. */
  public void declineNext(String message) {
    settings.declineNext.set(Objects.requireNonNull(message, "message"));
  }

  /** Switches a fault on; {@code Fault.none()} switches it off. */
  public void setFault(Fault fault) {
    settings.fault = Objects.requireNonNull(fault, "fault");
  }

  public Fault fault() {
    return settings.fault;
  }

  /** Where approved payments and refunds are notified (null url: nowhere). */
  public void setNotificationTarget(URI url, String notificationKey) {
    settings.notifyKey = notificationKey;
    settings.notifyUrl = url;
  }

  /** The customer presents the card now: the waiting payment (or refund) is approved. */
  public boolean presentCard() {
    return ops.resolveInFlight(SimTransaction.Status.APPROVED, null);
  }

  /** The operator presses cancel on the terminal: the waiting request answers {@code 6001}. */
  public boolean cancelOnTerminal() {
    return ops.resolveInFlight(SimTransaction.Status.CANCELLED, "cancelled on the terminal");
  }

  // ---- what happened ----

  /** The payment or refund waiting for its card / operator, if any. */
  public Optional<SimTransaction> inFlight() {
    return ops.inFlight();
  }

  /** Every payment and refund, in creation order, in its current state. */
  public List<SimTransaction> transactions() {
    return ledger.all();
  }

  public Optional<SimTransaction> transaction(String syssn) {
    return ledger.bySyssn(syssn);
  }

  /** Receipts (3001) and summaries (3002) printed, in order. */
  public List<PrintJob> receipts() {
    return ledger.prints();
  }

  /** Every request answered or dropped, in order. */
  public List<Exchange> exchanges() {
    return engine.exchanges();
  }

  /**
   * Results sent in the USB framing on the raw TCP port (transport {@code tcp-usb}) that the hub
   * acknowledged with {@code 0x20}.
   */
  public int tcpUsbResultsAcknowledged() {
    return listeners.usbResultsAcknowledged();
  }

  /** Notifications sent for this terminal's transactions, with their delivery attempts. */
  public List<SimNotification> notifications() {
    return ctx.notifier().notifications().stream()
        .filter(n -> n.terminalId().equals(id()))
        .toList();
  }

  /**
   * Extension point for other transports (a USB-serial link over a pty, for instance): hands one
   * request body (the frame's data segment: Base64 ciphertext, JSON-quoted or not, or the plain
   * JSON wrapper) to the terminal, which takes the function from func_type. Completes with the
   * response envelope to send back, or empty when the terminal drops the request (a fault).
   */
  public CompletableFuture<Optional<String>> handleRequest(String transportName, String body) {
    return engine
        .handle(transportName, null, body, ctx.workers().next())
        .thenApply(
            r ->
                r instanceof TerminalEngine.Reply.Answer a
                    ? Optional.of(a.body())
                    : Optional.<String>empty());
  }

  /** Stops this terminal's listeners and closes its open connections (as if switched off). */
  @Override
  public void close() {
    listeners.close();
  }

  @Override
  public String toString() {
    return "SimulatedTerminal["
        + id()
        + " https="
        + httpsPort()
        + " http="
        + httpPort()
        + " tcp="
        + tcpPort()
        + "]";
  }

  // ---- for the QFPay cloud stand-in (same ledger, same operations) ----

  Ledger ledger() {
    return ledger;
  }

  TerminalOperations operations() {
    return ops;
  }

  TerminalSettings settings() {
    return settings;
  }

  String hostForUri() {
    String h = ctx.certificateHost();
    return h.contains(":") ? "[" + h + "]" : h;
  }

  private static Duration nonNegative(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("duration must be zero or positive");
    }
    return d;
  }
}
