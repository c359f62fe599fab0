package io.ecrhub.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.ecrhub.app.notify.KeyRingHolder;
import io.ecrhub.app.notify.persistence.PanacheNotificationKeys;
import io.ecrhub.app.notify.persistence.PanacheSubscriptions;
import io.ecrhub.app.support.Api;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.EventFilter;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Sealed secrets are bound to their table, column and row (ADR 0011): a sealed value copied into
 * another row with SQL does not open there (the row is flagged, nothing crashes, nothing leaks into
 * the log; terminal POS keys, notification keys and webhook secrets), an old-format value from
 * before the change is re-sealed once at start-up and opens, and after that upgrade the old format
 * is refused. Runs on H2 and PostgreSQL.
 */
@QuarkusTest
class SealedRowBindingTest {
  static final String KEY_A = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  static final String KEY_B = "a0b1c2d3e4f5061728394a5b6c7d8e9f";

  @Inject DataSource dataSource;
  @Inject Terminals terminals;
  @Inject PanacheNotificationKeys notificationKeys;
  @Inject KeyRingHolder keyRing;
  @Inject RotateMasterKey rotate;
  @Inject SealFormat format;
  @Inject PanacheSubscriptions subscriptions;

  @ConfigProperty(name = "ecrhub.secrets.master-key")
  String masterKey;

  @Test
  void posKeyCopiedIntoAnotherTerminalsRow_doesNotOpen_andThatTerminalIsDisabledWithTheReason() {
    String a = terminal(KEY_A);
    String b = terminal(KEY_B);
    List<String> log = capture("io.ecrhub.app.persistence.PanacheTerminals");
    try {
      String sealedA = column("terminal", "pos_key_sealed", a);
      update("terminal", "pos_key_sealed", b, sealedA);

      Api.admin()
          .get("/api/v1/terminals/" + b)
          .then()
          .statusCode(200)
          .body("status", equalTo("DISABLED"))
          .body("statusDetail", startsWith("POS_KEY_UNREADABLE"));
      String listing =
          Api.admin()
              .get("/api/v1/terminals?limit=200")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(listing).contains(a).contains(b).doesNotContain(KEY_A).doesNotContain(KEY_B);
      assertThat(terminals.findById(TerminalId.of(a)).orElseThrow().posKey().reveal())
          .isEqualTo(KEY_A);
      assertThat(terminals.findById(TerminalId.of(b)).orElseThrow().posKey().reveal())
          .as("B never gets A's key")
          .isNotEqualTo(KEY_A)
          .isNotEqualTo(KEY_B);
      Api.admin()
          .body(
              Map.of(
                  "terminalId", b, "amount", "1.00", "currency", "HKD", "channel", "card_payment"))
          .post("/api/v1/payments")
          .then()
          .statusCode(409)
          .body("code", equalTo("TERMINAL_DISABLED"));

      assertThat(log).anySatisfy(l -> assertThat(l).contains(b).contains("another row"));
      assertThat(String.join("\n", log))
          .doesNotContain(KEY_A)
          .doesNotContain(KEY_B)
          .doesNotContain(sealedA);
    } finally {
      release();
      Api.admin().delete("/api/v1/terminals/" + a);
      Api.admin().delete("/api/v1/terminals/" + b);
    }
  }

  @Test
  void notificationKeyCopiedIntoAnotherRow_doesNotOpen_andIsLeftOutOfTheKeyRing() {
    NotificationKey keyA = NotificationKey.of(Api.unique("key-a-"));
    NotificationKey keyB = NotificationKey.of(Api.unique("key-b-"));
    String a = addNotificationKey(keyA);
    String b = addNotificationKey(keyB);
    List<String> log = capture("io.ecrhub.app.notify.persistence.PanacheNotificationKeys");
    try {
      String sealedA = column("notification_key", "sealed_key", a);
      update("notification_key", "sealed_key", b, sealedA);

      List<PanacheNotificationKeys.StoredKey> stored = notificationKeys.all();
      assertThat(stored)
          .extracting(PanacheNotificationKeys.StoredKey::id)
          .contains(a)
          .doesNotContain(b);
      assertThat(stored)
          .filteredOn(k -> k.id().equals(a))
          .singleElement()
          .satisfies(k -> assertThat(k.key()).isEqualTo(keyA));
      keyRing.reload(); // the intake's ring: built without B, and without failing
      Api.admin().get("/api/v1/notification-keys").then().statusCode(200);

      assertThat(log).anySatisfy(l -> assertThat(l).contains(b).contains("another row"));
      assertThat(String.join("\n", log))
          .doesNotContain(keyA.reveal())
          .doesNotContain(keyB.reveal())
          .doesNotContain(sealedA);
    } finally {
      release();
      Api.admin().delete("/api/v1/notification-keys/" + a);
      Api.admin().delete("/api/v1/notification-keys/" + b);
      keyRing.reload();
    }
  }

  @Test
  void webhookSecretCopiedIntoAnotherRow_doesNotOpen_andThatSubscriptionIsReadAsInactive() {
    String a = Api.unique("wh-a-").toLowerCase(java.util.Locale.ROOT);
    String b = Api.unique("wh-b-").toLowerCase(java.util.Locale.ROOT);
    WebhookSecret secretA = WebhookSecret.of(Api.unique("secret-a-"));
    subscriptions.save(subscription(a, secretA));
    subscriptions.save(subscription(b, WebhookSecret.of(Api.unique("secret-b-"))));
    try {
      update(
          "webhook_subscription",
          "sealed_secret",
          b,
          column("webhook_subscription", "sealed_secret", a));
      subscriptions.invalidate();

      Subscription readA = subscriptions.findById(a).orElseThrow();
      Subscription readB = subscriptions.findById(b).orElseThrow();
      assertThat(readA.secret()).isEqualTo(secretA);
      assertThat(readA.active()).isTrue();
      assertThat(readB.active()).as("nothing is signed with B any more").isFalse();
      assertThat(readB.secret()).isNotEqualTo(secretA);
      assertThat(subscriptions.active(DeliveryFormat.HUB_EVENTS))
          .extracting(Subscription::id)
          .doesNotContain(b);
    } finally {
      subscriptions.delete(a);
      subscriptions.delete(b);
    }
  }

  private static Subscription subscription(String id, WebhookSecret secret) {
    return new Subscription(
        id,
        java.net.URI.create("https://shop.example/hooks/" + id), // stored only, never called
        new EventFilter(java.util.Set.of("payment.*")),
        DeliveryFormat.HUB_EVENTS,
        secret,
        false,
        true,
        null,
        java.time.Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void oldFormatRows_areResealedBoundToTheirRowsOnce_thenTheOldFormatIsRefused() {
    String t = terminal(KEY_A);
    NotificationKey nk = NotificationKey.of(Api.unique("legacy-"));
    String k = addNotificationKey(nk);
    try {
      // rows as a hub before this change wrote them, and a database not upgraded yet
      update("terminal", "pos_key_sealed", t, LegacySeal.seal(masterKey, KEY_A));
      update("notification_key", "sealed_key", k, LegacySeal.seal(masterKey, nk.reveal()));
      forgetUpgrade();
      assertThat(format.upgraded()).isFalse();

      assertThat(rotate.upgradeFormat()).isGreaterThanOrEqualTo(2);

      assertThat(format.upgraded()).isTrue();
      String terminalSeal = column("terminal", "pos_key_sealed", t);
      assertThat(terminalSeal).startsWith("v2:");
      assertThat(
              new AesGcmSecretSealer(MasterKeys.parse(masterKey, List.of()))
                  .open(terminalSeal, new SealedFor("terminal", "pos_key_sealed", t)))
          .isEqualTo(KEY_A);
      Api.admin().get("/api/v1/terminals/" + t).then().body("status", equalTo("NEW"));
      assertThat(terminals.findById(TerminalId.of(t)).orElseThrow().posKey().reveal())
          .isEqualTo(KEY_A);
      assertThat(column("notification_key", "sealed_key", k)).startsWith("v2:");
      assertThat(notificationKeys.find(k)).get().satisfies(s -> assertThat(s.key()).isEqualTo(nk));

      // once upgraded, an old-format value (say, restored from an old backup) is refused
      update("terminal", "pos_key_sealed", t, LegacySeal.seal(masterKey, KEY_A));
      assertThat(rotate.upgradeFormat()).isZero();
      assertThat(rotate.resealAll()).isZero();
      Api.admin()
          .get("/api/v1/terminals/" + t)
          .then()
          .body("status", equalTo("DISABLED"))
          .body("statusDetail", startsWith("POS_KEY_UNREADABLE"));
    } finally {
      Api.admin().delete("/api/v1/terminals/" + t);
      Api.admin().delete("/api/v1/notification-keys/" + k);
      keyRing.reload();
    }
  }

  private static String terminal(String posKey) {
    return Api.registerTerminal(Api.unique("Sealed "), "127.0.0.1", 9, "HTTP", posKey);
  }

  private static String addNotificationKey(NotificationKey key) {
    return Api.admin()
        .body(Map.of("key", key.reveal()))
        .post("/api/v1/notification-keys")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private String column(String table, String column, String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void update(String table, String column, String id, String value) {
    execute("UPDATE " + table + " SET " + column + " = ? WHERE id = ?", value, id);
  }

  private void forgetUpgrade() {
    execute("DELETE FROM secret_format");
  }

  private void execute(String sql, String... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private final List<Handler> handlers = new CopyOnWriteArrayList<>();
  private final List<Logger> loggers = new CopyOnWriteArrayList<>();

  /** Messages logged by {@code name} from now on (formatted, as they would be written). */
  private List<String> capture(String name) {
    List<String> out = new CopyOnWriteArrayList<>();
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            String m = r.getMessage();
            Object[] p = r.getParameters();
            out.add(p == null ? m : String.format(m, p));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger l = Logger.getLogger(name);
    l.addHandler(h);
    handlers.add(h);
    loggers.add(l);
    return out;
  }

  private void release() {
    for (Logger l : loggers) {
      handlers.forEach(l::removeHandler);
    }
  }
}
