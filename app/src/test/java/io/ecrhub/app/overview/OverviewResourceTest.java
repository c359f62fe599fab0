package io.ecrhub.app.overview;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.createTerminal;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.ecrhub.app.overview.persistence.SqlOverviewReader;
import io.ecrhub.app.security.Caller;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.domain.access.Role;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** GET /api/v1/overview: what a key's scope covers, and a fixed number of queries. */
@QuarkusTest
class OverviewResourceTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(2);

  @Inject DataSource dataSource;

  @Test
  void scopedCashier_seesItsStoreOnly_withTodaysPaymentsAndWhatToFix() {
    String store = unique("ov");
    String idle = createTerminal(store);
    String elsewhere = createTerminal(unique("other"));
    Map<String, Object> body = new HashMap<>();
    body.put("name", unique("Sim "));
    body.put("host", sim.host());
    body.put("port", sim.httpsPort());
    body.put("transport", "HTTPS");
    body.put("posKey", sim.posKey());
    body.put("storeId", store);
    String till =
        Api.admin()
            .body(body)
            .post("/api/v1/terminals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String paid = startPayment(till, "12.34", "alipay");
    awaitPaymentStatus(paid, "SUCCEEDED");
    String cashier = createKey("cashier", Map.of("stores", List.of(store)));

    JsonPath o = as(cashier).get("/api/v1/overview").then().statusCode(200).extract().jsonPath();

    assertThat(o.getString("caller.role")).isEqualTo("cashier");
    assertThat(o.getBoolean("caller.scoped")).isTrue();
    assertThat(o.getInt("terminals.total")).isEqualTo(2);
    assertThat(o.getMap("terminals.byStatus")).containsEntry("NEW", 1).containsEntry("ONLINE", 1);
    assertThat(o.getList("terminals.stores.storeId")).containsExactly(store);
    assertThat(o.getList("terminals.needingAction.id"))
        .containsExactly(idle)
        .doesNotContain(elsewhere);
    assertThat(o.getString("terminals.needingAction[0].statusFix"))
        .isEqualTo("Run diagnostics or take a payment.");
    assertThat(o.getLong("paymentsToday.count")).isEqualTo(1);
    assertThat(o.getString("paymentsToday.succeededAmounts[0].currency")).isEqualTo("HKD");
    assertThat(o.getString("paymentsToday.succeededAmounts[0].amount")).isEqualTo("12.34");
    assertThat(o.getString("paymentsToday.approvalRate")).isEqualTo("1.0000");
    assertThat(o.getList("lastDay")).hasSize(24);
    assertThat(o.getLong("lastDay[23].count")).isEqualTo(1);
    assertThat(o.getLong("lastDay[23].succeeded")).isEqualTo(1);
    assertThat(o.getList("moneyInDoubt.payments")).isEmpty();
    assertThat(o.getMap("notifications")).isNull();
  }

  @Test
  void unscopedAdmin_seesIntakeHealth() {
    as(ADMIN_KEY)
        .get("/api/v1/overview")
        .then()
        .statusCode(200)
        .body("caller.role", equalTo("admin"))
        .body("caller.scoped", equalTo(false))
        .body("notifications", notNullValue())
        .body("notifications.rejectedLastHour", notNullValue())
        .body("lastDay", hasSize(24));
  }

  @Test
  void keyWithoutTerminals_seesAnEmptyOverview() {
    String cashier = createKey("cashier", Map.of("stores", List.of(unique("empty"))));
    as(cashier)
        .get("/api/v1/overview")
        .then()
        .statusCode(200)
        .body("terminals.total", equalTo(0))
        .body("paymentsToday.count", equalTo(0))
        .body("paymentsToday.approvalRate", nullValue())
        .body("lastDay", hasSize(24))
        .body("notifications", nullValue());
  }

  @Test
  void fromOutsideTheLastTwoDays_isRefused() {
    as(ADMIN_KEY)
        .queryParam("from", Instant.now().minus(Duration.ofDays(3)).toString())
        .get("/api/v1/overview")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_TIME"));
    as(ADMIN_KEY)
        .queryParam("from", "yesterday")
        .get("/api/v1/overview")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_TIME"));
    io.restassured.RestAssured.given().get("/api/v1/overview").then().statusCode(401);
  }

  @Test
  void theNumberOfQueriesDoesNotGrowWithTheFleet() {
    String small = unique("q");
    String big = unique("q");
    createTerminal(small);
    for (int i = 0; i < 30; i++) {
      createTerminal(big);
    }
    AtomicInteger statements = new AtomicInteger();
    OverviewService counted =
        new OverviewService(
            new SqlOverviewReader(counting(dataSource, statements)), Clock.systemUTC());
    Instant today = Instant.now().minus(Duration.ofHours(1));

    counted.overview(caller(Role.ADMIN, Scope.ALL), today);
    int unscoped = statements.getAndSet(0);
    counted.overview(caller(Role.CASHIER, new Scope(Set.of(small), Set.of())), today);
    int one = statements.getAndSet(0);
    counted.overview(caller(Role.CASHIER, new Scope(Set.of(big), Set.of())), today);
    int thirty = statements.getAndSet(0);

    // terminals, today's tallies, per hour, payments and refunds in doubt (+ intake for admins)
    assertThat(unscoped).isEqualTo(6);
    assertThat(one).isEqualTo(5);
    assertThat(thirty).isEqualTo(5);
  }

  private static Caller caller(Role role, Scope scope) {
    return new Caller("k", "test", role, scope);
  }

  /** A data source that counts the statements prepared on its connections. */
  private static DataSource counting(DataSource real, AtomicInteger statements) {
    InvocationHandler connections =
        (proxy, method, args) -> {
          Object result = method.invoke(real, args);
          if (result instanceof Connection c) {
            return Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (p, m, a) -> {
                  if (m.getName().startsWith("prepare") || m.getName().equals("createStatement")) {
                    statements.incrementAndGet();
                  }
                  return m.invoke(c, a);
                });
          }
          return result;
        };
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, connections);
  }
}
