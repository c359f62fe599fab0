/**
 * The QFPay USB-serial link (protocol doc §2.3): length-delimited {@code /n} frames with a Netty
 * decoder and encoder, fragment splitting and reassembly, and both ends of the link over
 * jSerialComm: {@link io.ecrhub.ecr.serial.JSerialCommExchange} (the cash register, implementing
 * the channel's {@code SerialExchange}) and {@link io.ecrhub.ecr.serial.SerialTerminalEndpoint}
 * (the POS, for the simulator). Frames are never delimited by scanning for the end marker, and
 * payloads are never logged.
 */
package io.ecrhub.ecr.serial;
