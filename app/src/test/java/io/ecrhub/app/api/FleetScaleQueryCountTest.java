package io.ecrhub.app.api;

import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.createKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.settlement.FreshDatabase;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.CountingJdbcDriver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #17's bar: no console page needs more than one round trip for its first view on a fleet of
 * 500 terminals and 100,000 payments, and that round trip runs a small, fixed number of indexed
 * statements. A database of its own is seeded (terminals through the API, payments by batched SQL)
 * and every SQL statement a request runs is counted at the JDBC driver ({@link
 * CountingJdbcDriver}), Hibernate's and plain JDBC's alike; on PostgreSQL the plans of the list
 * queries are checked to read the payment table through its indexes.
 */
@QuarkusTest
@TestProfile(FleetScaleQueryCountTest.Fleet.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetScaleQueryCountTest {
  static final int TERMINALS = 500;
  static final int STORES = 10;
  static final int PAYMENTS = 100_000;

  /**
   * Statements the overview may run, whatever the fleet's size: terminals, today, the 24 hours,
   * payments and refunds in doubt, intake health, and the API key's look-up when not cached.
   */
  static final int OVERVIEW_STATEMENTS = 7;

  /** A page of payments: the page itself, and the API key's look-up when not cached. */
  static final int LIST_STATEMENTS = 2;

  /** Its own database, the counting driver, no scheduled jobs (nothing runs but the requests). */
  public static class Fleet implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = new HashMap<>(FreshDatabase.overrides("fleetscale"));
      m.put("quarkus.datasource.jdbc.driver", CountingJdbcDriver.class.getName());
      m.put("quarkus.scheduler.enabled", "false");
      m.put("ecrhub.reconciliation.enabled", "false");
      return m;
    }
  }

  @Inject DataSource dataSource;

  private final List<String> terminals = new ArrayList<>();
  private String storeKey;

  @BeforeEach
  void seed() throws SQLException {
    if (!terminals.isEmpty()) {
      return;
    }
    for (int i = 0; i < TERMINALS; i++) {
      Map<String, Object> body = new HashMap<>();
      body.put("name", "Till " + i);
      body.put("host", "127.0.0.1");
      body.put("port", 8443);
      body.put("transport", "HTTPS");
      body.put("posKey", Api.POS_KEY);
      body.put("storeId", "store-" + (i % STORES));
      terminals.add(
          Api.admin()
              .body(body)
              .post("/api/v1/terminals")
              .then()
              .statusCode(201)
              .extract()
              .path("id"));
    }
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO payment (id, terminal_id, amount_minor, currency, channel, out_trade_no,"
                  + " status, syssn, refunded_minor, created_at, updated_at, version)"
                  + " VALUES (?, ?, ?, 'HKD', ?, ?, ?, ?, 0, ?, ?, 1)")) {
        for (int i = 0; i < PAYMENTS; i++) {
          String id = String.format("pay_scale%08d", i);
          // spread over the last 30 days, newest first; one in 1,000 unknown, one in 20 declined
          OffsetDateTime at =
              OffsetDateTime.ofInstant(now.minus(Duration.ofSeconds(26L * i + 5)), ZoneOffset.UTC);
          String status = i % 1000 == 7 ? "UNKNOWN" : i % 20 == 3 ? "DECLINED" : "SUCCEEDED";
          ps.setString(1, id);
          ps.setString(2, terminals.get(i % TERMINALS));
          ps.setLong(3, 100 + (i % 50_000));
          ps.setString(4, i % 2 == 0 ? "ALIPAY" : "WX");
          ps.setString(5, "EHSCALE" + i);
          ps.setString(6, status);
          ps.setString(7, status.equals("SUCCEEDED") ? "2026" + String.format("%016d", i) : null);
          ps.setObject(8, at);
          ps.setObject(9, at);
          ps.addBatch();
          if (i % 5_000 == 4_999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        if (postgres(c)) {
          s.execute("ANALYZE payment");
          s.execute("ANALYZE terminal");
        }
      }
      c.commit();
    }
    storeKey = createKey("cashier", Map.of("stores", List.of("store-3")));
  }

  @Test
  void overview_isOneRequest_ofAFixedFewStatements_forTheWholeFleet_andForAStore() {
    List<CountingJdbcDriver.Executed> admin =
        count(() -> Api.admin().get("/api/v1/overview"), r -> r.path("terminals.total"), TERMINALS);
    assertThat(admin).as(listing(admin)).hasSizeLessThanOrEqualTo(OVERVIEW_STATEMENTS);
    assertThat(admin).anyMatch(e -> e.sql().contains("FROM payment"));

    List<CountingJdbcDriver.Executed> store =
        count(() -> as(storeKey).get("/api/v1/overview"), r -> r.path("terminals.total"), 50);
    assertThat(store).as(listing(store)).hasSizeLessThanOrEqualTo(OVERVIEW_STATEMENTS);
  }

  @Test
  void paymentsList_firstAndNextPages_areAFixedFewStatements_whateverThePageSize() {
    List<CountingJdbcDriver.Executed> first =
        count(
            () -> Api.admin().queryParam("limit", 25).get("/api/v1/payments"),
            r -> r.jsonPath().getList("items").size(),
            25);
    assertThat(first).as(listing(first)).hasSizeLessThanOrEqualTo(LIST_STATEMENTS);
    String cursor = Api.admin().queryParam("limit", 25).get("/api/v1/payments").path("nextCursor");
    List<CountingJdbcDriver.Executed> next =
        count(
            () ->
                Api.admin()
                    .queryParam("limit", 25)
                    .queryParam("cursor", cursor)
                    .get("/api/v1/payments"),
            r -> r.jsonPath().getList("items").size(),
            25);
    List<CountingJdbcDriver.Executed> big =
        count(
            () -> Api.admin().queryParam("limit", 200).get("/api/v1/payments"),
            r -> r.jsonPath().getList("items").size(),
            200);
    assertThat(next).as(listing(next)).hasSameSizeAs(first);
    assertThat(big).as("200 rows cost what 25 do: " + listing(big)).hasSameSizeAs(first);

    List<CountingJdbcDriver.Executed> filtered =
        count(
            () ->
                Api.admin()
                    .queryParams(
                        Map.of(
                            "storeId", "store-4",
                            "status", "SUCCEEDED",
                            "minAmount", "10.00",
                            "maxAmount", "400.00",
                            "limit", "25"))
                    .get("/api/v1/payments"),
            r -> r.jsonPath().getList("items").size(),
            25);
    assertThat(filtered).as(listing(filtered)).hasSizeLessThanOrEqualTo(LIST_STATEMENTS);

    // a store's cashier: its scope's terminals are read once, then the page
    List<CountingJdbcDriver.Executed> scoped =
        count(
            () -> as(storeKey).queryParam("limit", 25).get("/api/v1/payments"),
            r -> r.jsonPath().getList("items").size(),
            25);
    assertThat(scoped).as(listing(scoped)).hasSizeLessThanOrEqualTo(LIST_STATEMENTS + 1);
  }

  @Test
  void onPostgres_theListAndOverviewQueriesReadThePaymentTableThroughItsIndexes()
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (!postgres(c)) {
        return; // H2's plans are not PostgreSQL's; the PostgreSQL run checks them
      }
      String t = terminals.get(42);
      String today = OffsetDateTime.now(ZoneOffset.UTC).minusHours(12).toString();
      Map<String, String> queries =
          Map.of(
              "newest first",
              "SELECT * FROM payment ORDER BY created_at DESC, id DESC LIMIT 26",
              "by status",
              "SELECT * FROM payment WHERE status = 'DECLINED'"
                  + " ORDER BY created_at DESC, id DESC LIMIT 26",
              "by terminal and status",
              "SELECT * FROM payment WHERE terminal_id = '"
                  + t
                  + "' AND status = 'SUCCEEDED' ORDER BY created_at DESC, id DESC LIMIT 26",
              "by store",
              "SELECT * FROM payment WHERE terminal_id IN (SELECT id FROM terminal WHERE store_id ="
                  + " 'store-4') ORDER BY created_at DESC, id DESC LIMIT 26",
              "today",
              "SELECT status, currency, COUNT(*), SUM(amount_minor) FROM payment WHERE created_at"
                  + " >= '"
                  + today
                  + "' GROUP BY status, currency",
              "in doubt",
              "SELECT id FROM payment WHERE status = 'UNKNOWN' ORDER BY created_at DESC LIMIT 26");
      for (Map.Entry<String, String> q : queries.entrySet()) {
        String plan = explain(c, q.getValue());
        assertThat(plan).as(q.getKey() + ":\n" + plan).doesNotContain("Seq Scan on payment");
        assertThat(plan).as(q.getKey() + ":\n" + plan).containsPattern("Index (Only )?Scan");
      }
    }
  }

  private static String explain(Connection c, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("EXPLAIN " + sql)) {
      while (r.next()) {
        plan.append(r.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private static boolean postgres(Connection c) throws SQLException {
    return c.getMetaData()
        .getDatabaseProductName()
        .toLowerCase(java.util.Locale.ROOT)
        .contains("postgres");
  }

  /**
   * The statements of one request, which must answer 200 with {@code expected} from {@code what}.
   */
  private static List<CountingJdbcDriver.Executed> count(
      java.util.function.Supplier<Response> request,
      java.util.function.Function<Response, Object> what,
      int expected) {
    Response[] answer = new Response[1];
    List<CountingJdbcDriver.Executed> executed =
        CountingJdbcDriver.record(() -> answer[0] = request.get());
    assertThat(answer[0].statusCode()).as(answer[0].asString()).isEqualTo(200);
    assertThat(((Number) what.apply(answer[0])).intValue()).isEqualTo(expected);
    assertThat(executed)
        .as("no statement was counted: is the counting driver in place?")
        .isNotEmpty();
    System.out.println("[query count] " + listing(executed));
    return executed;
  }

  private static String listing(List<CountingJdbcDriver.Executed> executed) {
    return executed.size()
        + " statements:\n"
        + executed.stream().map(e -> e.thread() + ": " + e.sql()).collect(Collectors.joining("\n"));
  }
}
