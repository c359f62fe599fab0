package io.ecrhub.app.diagnostics;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.createTerminal;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.diagnostics.persistence.SqlFleetRuns;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/diagnostics/terminals: the newest run of each terminal in the key's scope with every
 * check and its fix, a page at a time, in one statement whatever the page's size.
 */
@QuarkusTest
class FleetLastRunsTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(0);

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  @Test
  void newestRunPerTerminal_withChecksAndFixes_withinTheKeysScope() {
    String store = unique("fd");
    String never = createTerminal(store);
    String till = Api.registerSimulated(sim, null);
    String tillStore =
        Api.admin().get("/api/v1/terminals/" + till).then().extract().path("storeId");
    Api.admin().post("/api/v1/terminals/" + till + "/diagnostics").then().statusCode(200);
    String newest =
        Api.admin()
            .post("/api/v1/terminals/" + till + "/diagnostics")
            .then()
            .statusCode(200)
            .extract()
            .path("id");

    String cashier = createKey("cashier", Map.of("stores", List.of(store, tillStore)));
    JsonPath page =
        as(cashier)
            .get("/api/v1/diagnostics/terminals")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getList("items.terminalId")).containsExactlyInAnyOrder(never, till);
    assertThat(page.getString("nextCursor")).isNull();
    assertThat(page.getBoolean("canRun")).isFalse();
    assertThat(page.getString("items.find { it.terminalId == '" + never + "' }.lastRun")).isNull();
    String run = "items.find { it.terminalId == '" + till + "' }.lastRun";
    assertThat(page.getString(run + ".id")).isEqualTo(newest);
    assertThat(page.getString(run + ".checks.find { it.id == 'tcp_ecr_port' }.status"))
        .isEqualTo("PASS");
    // every check of the newest stored run, as the terminal's own history has it (fix included)
    List<Map<String, Object>> stored =
        Api.admin()
            .get("/api/v1/terminals/" + till + "/diagnostics/history?limit=1")
            .then()
            .statusCode(200)
            .extract()
            .path("[0].checks");
    assertThat(page.getList(run + ".checks")).isEqualTo(stored).hasSizeGreaterThan(5);
    assertThat(page.getString("items.find { it.terminalId == '" + till + "' }.status"))
        .isEqualTo("ONLINE");
  }

  @Test
  void pagesFollowTheCursor_andBadPagingIsRefused() {
    String store = unique("fp");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(createTerminal(store));
    }
    String cashier = createKey("cashier", Map.of("stores", List.of(store)));
    JsonPath first =
        as(cashier)
            .get("/api/v1/diagnostics/terminals?limit=2")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    JsonPath second =
        as(cashier)
            .queryParam("cursor", first.getString("nextCursor"))
            .queryParam("limit", 2)
            .get("/api/v1/diagnostics/terminals")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> seen = new ArrayList<>(first.getList("items.terminalId"));
    seen.addAll(second.getList("items.terminalId"));
    assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());
    assertThat(second.getString("nextCursor")).isNull();

    as(ADMIN_KEY)
        .get("/api/v1/diagnostics/terminals?limit=0")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_LIMIT"));
    as(ADMIN_KEY)
        .get("/api/v1/diagnostics/terminals?cursor=nonsense!")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_CURSOR"));
    as(ADMIN_KEY)
        .get("/api/v1/diagnostics/terminals?limit=1")
        .then()
        .statusCode(200)
        .body("canRun", equalTo(true));
    io.restassured.RestAssured.given().get("/api/v1/diagnostics/terminals").then().statusCode(401);
  }

  @Test
  void onePageIsOneStatement_whateverItsSize() {
    String store = unique("fq");
    for (int i = 0; i < 30; i++) {
      createTerminal(store);
    }
    AtomicInteger statements = new AtomicInteger();
    SqlFleetRuns counted = new SqlFleetRuns(counting(dataSource, statements), json);

    Page<FleetRuns.LastRun> one = counted.page(new Scope(Set.of(store), Set.of()), null, 1);
    int forOne = statements.getAndSet(0);
    Page<FleetRuns.LastRun> thirty = counted.page(new Scope(Set.of(store), Set.of()), null, 200);
    int forThirty = statements.getAndSet(0);
    counted.page(Scope.ALL, null, 200);
    int unscoped = statements.getAndSet(0);

    assertThat(one.items()).hasSize(1);
    assertThat(one.nextCursor()).isNotNull();
    assertThat(thirty.items()).hasSize(30);
    assertThat(forOne).isEqualTo(1);
    assertThat(forThirty).isEqualTo(1);
    assertThat(unscoped).isEqualTo(1);
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
