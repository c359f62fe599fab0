package io.ecrhub.app.notify;

import static io.ecrhub.app.notify.NotifyFixtures.paymentBody;
import static io.ecrhub.app.notify.NotifyFixtures.post;
import static io.ecrhub.app.notify.NotifyFixtures.syssn;
import static io.ecrhub.app.notify.NotifyFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.notify.intake.NotificationSignature;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Notification keys over the admin API: sealed at rest, never returned, rotated without a gap. */
@QuarkusTest
class NotificationKeysTest {
  @Inject DataSource dataSource;

  @Test
  void rotation_oldAndNewKeysBothVerify_untilTheOldOneIsRemoved() {
    String merchant = unique("m");
    NotificationKey oldKey = NotificationKey.of(unique("old-key-"));
    NotificationKey newKey = NotificationKey.of(unique("new-key-"));
    String oldId = addKey(oldKey, merchant);
    addKey(newKey, merchant);

    byte[] a = paymentBody(merchant + "--1--2", syssn(), "100");
    byte[] b = paymentBody(merchant + "--1--3", syssn(), "100");
    post(a, NotificationSignature.sign(a, oldKey)).then().statusCode(200);
    post(b, NotificationSignature.sign(b, newKey)).then().statusCode(200);

    Api.admin().delete("/api/v1/notification-keys/" + oldId).then().statusCode(204);
    byte[] c = paymentBody(merchant + "--1--4", syssn(), "100");
    post(c, NotificationSignature.sign(c, oldKey)).then().statusCode(401);
  }

  @Test
  void keysAreSealedAtRest_andNeverReturned() throws Exception {
    String secretText = unique("never-shown-");
    String id = addKey(NotificationKey.of(secretText), null);

    String listing =
        Api.admin()
            .get("/api/v1/notification-keys")
            .then()
            .statusCode(200)
            .body("id", hasItem(id))
            .body("id", hasItem("config-1"))
            .extract()
            .asString();
    assertThat(listing).doesNotContain(secretText);
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement("SELECT sealed_key FROM notification_key WHERE id = ?")) {
      s.setString(1, id);
      try (var rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getString(1)).doesNotContain(secretText);
      }
    }
    Api.admin().delete("/api/v1/notification-keys/" + id).then().statusCode(204);
  }

  @Test
  void onlyAdminsManageKeys() {
    Api.as("not-a-key-000000000000000").get("/api/v1/notification-keys").then().statusCode(401);
  }

  /**
   * A store-scoped admin must not add a notification key (it could then sign notifications that
   * settle any store's payments), remove one (stopping intake for every store) or read the inbox.
   */
  @Test
  void scopedAdmin_cannotAddOrRemoveKeys_norReadTheInbox() {
    String scopedAdmin = Api.createKey("admin", Map.of("stores", List.of(unique("s"))));
    NotificationKey key = NotificationKey.of(unique("scoped-key-"));
    Api.as(scopedAdmin)
        .body(Map.of("key", key.reveal()))
        .post("/api/v1/notification-keys")
        .then()
        .statusCode(403)
        .body("code", org.hamcrest.Matchers.equalTo("UNSCOPED_ADMIN_REQUIRED"));
    String id = addKey(key, null);
    Api.as(scopedAdmin).delete("/api/v1/notification-keys/" + id).then().statusCode(403);
    Api.as(scopedAdmin).get("/api/v1/notification-keys").then().statusCode(403);
    Api.as(scopedAdmin).get("/api/v1/notifications").then().statusCode(403);
    Api.as(scopedAdmin)
        .body(
            Map.of(
                "format",
                "hub-events",
                "target",
                "http://127.0.0.1:9/x",
                "allowPrivateTarget",
                true))
        .post("/api/v1/webhooks/subscriptions")
        .then()
        .statusCode(403);
    Api.admin().delete("/api/v1/notification-keys/" + id).then().statusCode(204);
  }

  static String addKey(NotificationKey key, String route) {
    return Api.admin()
        .body(
            route == null
                ? Map.of("key", key.reveal())
                : Map.of("key", key.reveal(), "routes", List.of(route)))
        .post("/api/v1/notification-keys")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}
