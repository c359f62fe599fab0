package io.ecrhub.app.client;

import static io.ecrhub.app.support.Api.registerSimulated;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.client.ApiClient;
import io.ecrhub.client.ApiException;
import io.ecrhub.client.api.PaymentsApi;
import io.ecrhub.client.example.TakePayment;
import io.ecrhub.client.model.Payment;
import io.ecrhub.client.model.PaymentRequest;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Java client generated from docs/openapi.yaml (module client-java) against the running hub and
 * a simulated terminal over real sockets: its example takes a payment and follows it on the event
 * stream, and the client reads the hub's problem documents.
 */
@QuarkusTest
class JavaClientExampleTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(1);

  @TestHTTPResource("/")
  URI hub;

  @Test
  void theExampleTakesAPayment_andFollowsItUntilItSettles() throws Exception {
    String terminal = registerSimulated(sim, null);

    TakePayment.Result r =
        TakePayment.run(hub, Api.ADMIN_KEY, terminal, "12.50", "HKD", Duration.ofSeconds(90));

    assertThat(r.created().getTerminalId()).isEqualTo(terminal);
    assertThat(r.events())
        .as("the stream carried the payment to its end")
        .isNotEmpty()
        .last()
        .extracting(TakePayment.Event::type)
        .isEqualTo("payment.succeeded");
    assertThat(r.events()).allSatisfy(e -> assertThat(e.data()).contains(r.created().getId()));
    assertThat(r.settled().getStatus()).isEqualTo(Payment.StatusEnum.SUCCEEDED);
    assertThat(new BigDecimal(r.settled().getAmount())).isEqualByComparingTo("12.50");
    assertThat(r.settled().getCurrency()).isEqualTo("HKD");
  }

  @Test
  void theClientSurfacesTheHubsProblemDocument() {
    ApiClient client = new ApiClient();
    client.updateBaseUri(hub.toString());
    client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + Api.ADMIN_KEY));

    ApiException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ApiException.class,
            () ->
                new PaymentsApi(client)
                    .createPayment(
                        new PaymentRequest()
                            .terminalId("t_nope")
                            .amount("1.005")
                            .currency("HKD")
                            .channel(PaymentRequest.ChannelEnum.CARD_PAYMENT),
                        null));

    assertThat(e.getCode()).isBetween(400, 499);
    assertThat(e.getResponseBody()).contains("\"code\"");
  }
}
