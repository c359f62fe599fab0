package io.ecrhub.serialchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.simulator.Exchange;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorMain;
import io.ecrhub.simulator.TerminalSimulator;
import io.ecrhub.simulator.serial.SerialTerminalServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --serial-device} on the standalone simulator serves the terminal over the cable. */
class StandaloneSerialTest extends SerialChannelFixture {

  private TerminalSimulator launch(ByteArrayOutputStream out, String... args) throws Exception {
    return SimulatorMain.launch(new PrintStream(out, true, StandardCharsets.UTF_8), args);
  }

  @Test
  void serialDeviceOption_servesTheFirstTerminalOnThatDevice_andPrintsIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TerminalSimulator sim =
        track(
            launch(
                out,
                "--https-port",
                "0",
                "--tcp-port",
                "-1",
                "--pos-key",
                KEY,
                "--card-wait-ms",
                "0",
                "--ca-out",
                dir.resolve("ca").toString(),
                "--serial-device",
                pty.pos().toString()));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("sim-1  HTTPS 127.0.0.1:")
        .contains("  SERIAL " + pty.pos() + "  POS key " + KEY);
    TerminalOutcome o = send(pay("8.80", Channel.PAYME, "standalone-serial-1"));

    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    SimulatedTerminal t = sim.terminal(0);
    assertThat(t.exchanges())
        .singleElement()
        .extracting(Exchange::transport)
        .isEqualTo(SerialTerminalServer.TRANSPORT);
  }

  @Test
  void moreSerialDevicesThanTerminals_isRefused() {
    assertThatThrownBy(
            () ->
                launch(
                    new ByteArrayOutputStream(),
                    "--https-port",
                    "0",
                    "--tcp-port",
                    "-1",
                    "--serial-device",
                    pty.pos().toString(),
                    "--serial-device",
                    dir.resolve("other").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--serial-device");
  }

  @Test
  void serialDeviceThatCannotBeOpened_failsTheStart() {
    assertThatThrownBy(
            () ->
                launch(
                    new ByteArrayOutputStream(),
                    "--https-port",
                    "0",
                    "--tcp-port",
                    "-1",
                    "--serial-device",
                    dir.resolve("no-such-tty").toString()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("no-such-tty");
  }
}
