package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.idempotency.Idempotency;
import io.ecrhub.app.support.Api;
import io.ecrhub.domain.access.Role;
import io.ecrhub.domain.cloud.CloudSignType;
import io.ecrhub.domain.diagnostics.CheckStatus;
import io.ecrhub.domain.merchant.AuditAction;
import io.ecrhub.domain.merchant.ChangeKind;
import io.ecrhub.domain.merchant.HeldSync;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.DeliveryStatus;
import io.ecrhub.domain.settlement.HubEntry;
import io.ecrhub.domain.settlement.SettlementLine;
import io.ecrhub.domain.settlement.SettlementRun;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.Currencies;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalModel;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.RefundRoute;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every value the domain can produce fits the column that stores it, on H2 and PostgreSQL: column
 * sizes are read from the database's own metadata and compared with the longest value of every enum
 * (found by scanning the domain) and code that lands in each column; then the values are really
 * written and read back through the adapters.
 */
@QuarkusTest
class ColumnFitTest {
  @Inject DataSource dataSource;
  @Inject PanachePayments payments;
  @Inject PanacheRefunds refunds;

  /** Enums of the domain that no column stores by name (with where they go instead). */
  private static final Set<String> NOT_STORED_BY_NAME =
      Set.of(
          // stored inside the JSON of diagnostic_run.checks (unbounded)
          "io.ecrhub.domain.diagnostics.CheckId",
          "io.ecrhub.domain.diagnostics.TlsObservation$Result",
          // answers and reports, never persisted
          "io.ecrhub.domain.notification.IngestNotification$Verdict",
          "io.ecrhub.domain.notification.NotificationType",
          "io.ecrhub.domain.merchant.SyncReport$Result",
          // configuration only (ecrhub.mms.always-review)
          "io.ecrhub.domain.merchant.ReviewRule",
          // options of one MMS sync run, never persisted
          "io.ecrhub.domain.merchant.MerchantConfigSyncs$Coverage",
          "io.ecrhub.domain.merchant.MerchantConfigSyncs$Review",
          // QFPay cloud answers (adapters-qfpay-cloud), read and acted on, never persisted by name
          "io.ecrhub.domain.cloud.CloudRecord$Kind",
          "io.ecrhub.domain.cloud.RefusalReason",
          // what a refund request asks for; the route taken is stored (refund.route)
          "io.ecrhub.domain.transaction.RefundRoute$Choice");

  private static List<String> names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }

  /** The failure codes the hub itself writes; the terminal's own codes are clipped on save. */
  private static List<String> failureCodes() {
    List<String> codes = new ArrayList<>(names(TerminalOutcome.NotSentCause.class));
    codes.addAll(List.of("BUSY", "4003", "4004", "4005", "4006", "4007", "5001", "6001", "6002"));
    // cloud refunds (ADR 0021): not sent, QFPay's refusal codes, an HTTP refusal
    codes.addAll(List.of("CLOUD_NOT_SENT", "1265", "1272", "HTTP 404"));
    return codes;
  }

  private static List<String> eventTypes() {
    List<String> types =
        Stream.of("payment.", "refund.")
            .flatMap(
                p ->
                    Arrays.stream(TransactionStatus.values())
                        .map(s -> p + s.name().toLowerCase(Locale.ROOT)))
            .collect(Collectors.toCollection(ArrayList::new));
    types.add(Payment.REVIEW_REQUIRED);
    types.add(Refund.REVIEW_REQUIRED);
    return types;
  }

  /** Every change kind at once, as the audit stores them (sorted, comma-separated). */
  private static List<String> allChangeKinds() {
    return List.of(
        Arrays.stream(ChangeKind.values())
            .map(Enum::name)
            .sorted()
            .collect(Collectors.joining(",")));
  }

  /** table.column -> every value the domain can write there, and the enums they come from. */
  private static Map<String, List<String>> producible() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String table : List.of("payment", "refund")) {
      m.put(table + ".status", names(TransactionStatus.class));
      m.put(table + ".failure_reason", names(DeclineReason.class));
      m.put(table + ".failure_code", failureCodes());
      m.put(table + ".confirmed_by", names(ConfirmedBy.class));
    }
    m.put("refund.route", names(RefundRoute.class));
    // EHR + the refund id, clipped to 64 like every out_trade_no
    m.put("refund.out_trade_no", List.of("EHR" + "x".repeat(61)));
    m.put("payment.channel", names(Channel.class));
    m.put("terminal.transport", names(Transport.class));
    // the transport that carried a payment: its terminal's, or CLOUD after a fallback
    m.put("payment.sent_via", names(Transport.class));
    m.put("terminal.model", names(TerminalModel.class));
    m.put("terminal.tcp_framing", names(TcpFraming.class));
    m.put("terminal.status", names(TerminalStatus.class));
    m.put("store_cloud_account.sign_type", names(CloudSignType.class));
    m.put(
        "store_cloud_account.environment",
        List.copyOf(io.ecrhub.domain.cloud.StoreCloudAccount.ENVIRONMENTS));
    m.put("api_key.role", names(Role.class));
    m.put("transaction_event.type", eventTypes());
    m.put("transaction_event.from_status", names(TransactionStatus.class));
    m.put("transaction_event.to_status", names(TransactionStatus.class));
    m.put("notification_inbox.status", names(InboxStatus.class));
    m.put("webhook_outbox.status", names(DeliveryStatus.class));
    m.put(
        "webhook_subscription.format",
        Arrays.stream(DeliveryFormat.values()).map(DeliveryFormat::wire).toList());
    m.put("mms_held_sync.status", names(HeldSync.Status.class));
    m.put("mms_config_audit.action", names(AuditAction.class));
    m.put("mms_config_audit.changes", allChangeKinds());
    m.put("diagnostic_run.overall", names(CheckStatus.class));
    m.put("settlement_run.status", names(SettlementRun.Status.class));
    m.put("settlement_run.zone", List.copyOf(ZoneId.getAvailableZoneIds()));
    m.put("settlement_line.outcome", names(SettlementLine.Outcome.class));
    m.put("settlement_line.kind", names(HubEntry.Kind.class));
    m.put("settlement_line.hub_status", names(TransactionStatus.class));
    // bounded text the hub composes: Idempotency-Keys scoped to the API key's id, currency lists
    String scopedKey = "k".repeat(apiKeyIdLength()) + ":" + "x".repeat(Idempotency.MAX_KEY);
    m.put("payment.idempotency_key", List.of(scopedKey));
    m.put("idempotent_request.scoped_key", List.of(scopedKey));
    m.put("idempotent_request.operation", List.of("refund", "cancel", "receipt", "summary"));
    m.put(
        "terminal.currencies",
        List.of(
            Currency.getAvailableCurrencies().stream()
                .map(Currency::getCurrencyCode)
                .sorted()
                .limit(Currencies.MAX)
                .collect(Collectors.joining(","))));
    return m;
  }

  /** The longest API key id: {@code api_key.id} holds 40 characters. */
  private static int apiKeyIdLength() {
    return 40;
  }

  /** The enums {@link #producible()} draws on. */
  private static final Set<Class<?>> MAPPED_ENUMS =
      Set.of(
          TransactionStatus.class,
          DeclineReason.class,
          TerminalOutcome.NotSentCause.class,
          Channel.class,
          Transport.class,
          TerminalModel.class,
          TcpFraming.class,
          TerminalStatus.class,
          CloudSignType.class,
          InboxStatus.class,
          DeliveryStatus.class,
          DeliveryFormat.class,
          HeldSync.Status.class,
          AuditAction.class,
          ChangeKind.class,
          CheckStatus.class,
          ConfirmedBy.class,
          RefundRoute.class,
          SettlementRun.Status.class,
          SettlementLine.Outcome.class,
          HubEntry.Kind.class,
          Role.class);

  @Test
  void everyValueTheDomainProduces_fitsItsColumn() throws SQLException {
    List<String> tooLong = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (var e : producible().entrySet()) {
        int size = columnSize(c, e.getKey());
        for (String v : e.getValue()) {
          if (v.length() > size) {
            tooLong.add(e.getKey() + " (" + size + ") cannot hold " + v + " (" + v.length() + ")");
          }
        }
      }
    }
    assertThat(tooLong).isEmpty();
  }

  @Test
  void everyEnumOfTheDomain_isMappedToItsColumnOrKnownNotToBeStored() throws Exception {
    Set<String> mapped =
        MAPPED_ENUMS.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    List<String> unaccounted =
        domainEnums().stream()
            .filter(n -> !mapped.contains(n) && !NOT_STORED_BY_NAME.contains(n))
            .toList();
    assertThat(unaccounted)
        .as("a new enum of the domain: add the columns it lands in to producible()")
        .isEmpty();
  }

  /** Every failure the hub records before or without the terminal is stored as it was produced. */
  @Test
  void everyFailureTheHubRecords_isStoredAndReadBack() {
    Instant now = Instant.parse("2026-11-26T02:03:04Z");
    for (TerminalOutcome.NotSentCause cause : TerminalOutcome.NotSentCause.values()) {
      Payment p = inProgress(now);
      p.fail(DeclineReason.CERTIFICATE_PROBLEM, cause.name(), "nothing sent: " + cause, now);
      payments.save(p);
      Payment loaded = payments.findById(p.id()).orElseThrow();
      assertThat(loaded.status()).isEqualTo(TransactionStatus.FAILED);
      assertThat(loaded.failureCode()).contains(cause.name());

      Refund r = refundOf(payments.findById(p.id()).orElseThrow(), now);
      r.fail(DeclineReason.UNREACHABLE, cause.name(), "nothing sent: " + cause, now);
      refunds.save(r);
      assertThat(refunds.findById(r.id()).orElseThrow().failureCode()).contains(cause.name());
    }
    for (DeclineReason reason : DeclineReason.values()) {
      Payment p = inProgress(now);
      p.decline(reason, "6002", reason.name(), now);
      payments.save(p);
      assertThat(payments.findById(p.id()).orElseThrow().failureReason()).contains(reason);
    }
  }

  /**
   * What a terminal sends is not bounded by the domain (a status code, a card scheme): the longest
   * the wire can carry is stored (clipped), never refused, so the answer is never lost.
   */
  @Test
  void theLongestValuesATerminalCanSend_areStoredClipped() {
    Instant now = Instant.parse("2026-11-26T02:03:04Z");
    String huge = "X".repeat(10_000);
    // never stored IN_PROGRESS: the hub's reconciler, running beside the test, would take it over
    Payment p = unsavedInProgress(now);
    p.succeed(Syssn.of("20261126000777"), huge, huge, huge, null, false, now);
    payments.save(p);
    Payment loaded = payments.findById(p.id()).orElseThrow();
    assertThat(loaded.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(loaded.cardScheme()).hasValueSatisfying(s -> assertThat(huge).startsWith(s));

    Payment declined = unsavedInProgress(now);
    declined.decline(DeclineReason.DECLINED_BY_TERMINAL, huge, huge, now);
    declined.flagForReview(huge, now);
    payments.save(declined);
    Payment d = payments.findById(declined.id()).orElseThrow();
    assertThat(d.status()).isEqualTo(TransactionStatus.DECLINED);
    assertThat(d.failureCode()).hasValueSatisfying(s -> assertThat(huge).startsWith(s));

    Refund r = unsavedRefundOf(loaded, now);
    r.decline(DeclineReason.DECLINED_BY_TERMINAL, huge, huge, now);
    refunds.save(r);
    assertThat(refunds.findById(r.id()).orElseThrow().status())
        .isEqualTo(TransactionStatus.DECLINED);
  }

  private Payment inProgress(Instant now) {
    return payments.save(unsavedInProgress(now));
  }

  private static Payment unsavedInProgress(Instant now) {
    String id = Api.unique("pay_");
    Payment p =
        Payment.create(
            new Payment.Facts(
                new PaymentId(id),
                TerminalId.of(Api.unique("t")),
                Money.of("10.50", "HKD"),
                Channel.CARD_PAYMENT,
                OutTradeNo.of(id),
                null,
                null,
                "fp"),
            now);
    p.markInProgress(now);
    return p;
  }

  private Refund refundOf(Payment p, Instant now) {
    return refunds.save(unsavedRefundOf(p, now));
  }

  private static Refund unsavedRefundOf(Payment p, Instant now) {
    Refund r =
        Refund.create(
            new Refund.Facts(
                new RefundId(Api.unique("ref_")), p.id(), p.terminalId(), Money.of("1.00", "HKD")),
            RefundRoute.TERMINAL,
            null,
            null,
            now);
    r.markInProgress(now);
    return r;
  }

  private static int columnSize(Connection c, String tableDotColumn) throws SQLException {
    String[] tc = tableDotColumn.split("\\.");
    DatabaseMetaData md = c.getMetaData();
    Function<String, String> fold =
        md.storesUpperCaseIdentifiers()
            ? s -> s.toUpperCase(Locale.ROOT)
            : s -> s.toLowerCase(Locale.ROOT);
    try (ResultSet rs = md.getColumns(null, null, fold.apply(tc[0]), fold.apply(tc[1]))) {
      assertThat(rs.next()).as("column " + tableDotColumn + " exists").isTrue();
      return rs.getInt("COLUMN_SIZE");
    }
  }

  /** The names of every enum in the domain's classes (directory or jar). */
  private static Collection<String> domainEnums() throws IOException, URISyntaxException {
    Path root =
        Path.of(
            TransactionStatus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> out = new TreeSet<>();
    if (Files.isDirectory(root)) {
      collect(root, out);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(root)) {
        collect(jar.getPath("/"), out);
      }
    }
    return out;
  }

  private static void collect(Path root, Set<String> out) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
        if (!name.startsWith("io.ecrhub.domain.")) {
          continue;
        }
        try {
          Class<?> type = Class.forName(name, false, ColumnFitTest.class.getClassLoader());
          if (type.isEnum()) {
            out.add(type.getName());
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // not loadable here: not something the app stores
        }
      }
    }
  }
}
