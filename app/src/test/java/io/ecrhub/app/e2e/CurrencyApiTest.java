package io.ecrhub.app.e2e;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A payment or refund in a currency the terminal's merchant does not take is refused before it is
 * sent (the terminal would charge HKD while the hub recorded USD); the list is the terminal's own
 * (PATCH) or the hub-wide default, HKD. Over the REST API against the simulator.
 */
@QuarkusTest
class CurrencyApiTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(2);

  /** A terminal whose merchant takes USD: its answers name USD, which ADR 0007 checks. */
  private final SimulatedTerminal usdSim = SimulatorResource.usdTerminal();

  private static Map<String, Object> payment(String terminal, String amount, String currency) {
    return Map.of("terminalId", terminal, "amount", amount, "currency", currency, "channel", "wx");
  }

  private static void patchCurrencies(String terminal, List<String> currencies) {
    admin()
        .body(Map.of("currencies", currencies))
        .patch("/api/v1/terminals/" + terminal)
        .then()
        .statusCode(200);
  }

  @Test
  void paymentInUsd_onAnHkdTerminal_is422AndNeverReachesTheTerminal() {
    String terminal = registerSimulated(sim, null);
    int before = sim.transactions().size();

    admin()
        .body(payment(terminal, "7.00", "USD"))
        .post("/api/v1/payments")
        .then()
        .statusCode(422)
        .body("code", equalTo("CURRENCY_NOT_SUPPORTED"))
        .body("detail", containsString("HKD"));

    assertThat(sim.transactions()).as("nothing was sent").hasSize(before);
    admin()
        .queryParam("terminalId", terminal)
        .get("/api/v1/payments")
        .then()
        .body("items.size()", equalTo(0));
  }

  @Test
  void theTerminalsOwnList_isEditableOverPatch_andAnEmptyListReturnsToTheDefault() {
    String terminal = registerSimulated(usdSim, null);
    admin().get("/api/v1/terminals/" + terminal).then().body("currencies", nullValue());

    patchCurrencies(terminal, List.of("usd", "HKD"));
    admin().get("/api/v1/terminals/" + terminal).then().body("currencies", contains("HKD", "USD"));
    String usd =
        admin()
            .body(payment(terminal, "7.00", "USD"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitPaymentStatus(usd, "SUCCEEDED");

    patchCurrencies(terminal, List.of("HKD"));
    admin()
        .body(Map.of())
        .post("/api/v1/payments/" + usd + "/refunds")
        .then()
        .statusCode(422)
        .body("code", equalTo("CURRENCY_NOT_SUPPORTED"));

    patchCurrencies(terminal, List.of());
    admin().get("/api/v1/terminals/" + terminal).then().body("currencies", nullValue());
    admin()
        .body(payment(terminal, "7.00", "USD"))
        .post("/api/v1/payments")
        .then()
        .statusCode(422)
        .body("code", equalTo("CURRENCY_NOT_SUPPORTED"));
  }

  /**
   * An allow-list that says USD on a terminal whose merchant takes HKD does not make the hub record
   * a USD sale the terminal charged in HKD: the answer's txcurrcd is checked (ADR 0007).
   */
  @Test
  void aWrongAllowList_cannotRecordAnHkdChargeAsUsd_theAnswerIsFlagged() {
    String terminal = registerSimulated(sim, null);
    patchCurrencies(terminal, List.of("HKD", "USD"));
    String usd =
        admin()
            .body(payment(terminal, "7.00", "USD"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitPaymentStatus(usd, "UNKNOWN");
    admin()
        .get("/api/v1/payments/" + usd)
        .then()
        .body("reviewNote", containsString("txcurrcd 'HKD' is not USD"));
  }

  @Test
  void refundInAnotherCurrencyThanThePayment_is422() {
    String terminal = registerSimulated(sim, null);
    String hkd =
        admin()
            .body(payment(terminal, "9.00", "HKD"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitPaymentStatus(hkd, "SUCCEEDED");

    admin()
        .body(Map.of("amount", "1.00", "currency", "USD"))
        .post("/api/v1/payments/" + hkd + "/refunds")
        .then()
        .statusCode(422)
        .body("code", equalTo("CURRENCY_MISMATCH"));
  }

  @Test
  void anInvalidCurrencyList_is400() {
    String terminal = registerSimulated(sim, null);
    admin()
        .body(Map.of("currencies", List.of("HK$")))
        .patch("/api/v1/terminals/" + terminal)
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_CURRENCIES"));
  }
}
