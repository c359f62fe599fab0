/**
 * A simulated terminal over the USB-serial link (protocol doc §2.3): {@link
 * io.ecrhub.simulator.serial.SerialTerminalServer} serves a {@link
 * io.ecrhub.simulator.SimulatedTerminal} on a device path through the link's POS end, and {@link
 * io.ecrhub.simulator.serial.SocatPtyPair} makes a pty pair to stand in for the cable. Enabled per
 * terminal with {@code TerminalConfig.Builder#serialDevice} or {@code --serial-device}.
 */
package io.ecrhub.simulator.serial;
