/**
 * The QFPay USB-serial link (protocol doc §2.3): length-delimited {@code /n} frames with a Netty
 * decoder and encoder, fragment splitting and reassembly, and both ends of the link over
 * jSerialComm: {@link io.ecrhub.ecr.serial.JSerialCommExchange} (the cash register, implementing
 * the channel's {@code SerialExchange}) and {@link io.ecrhub.ecr.serial.SerialTerminalEndpoint}
 * (the POS, for the simulator). {@link io.ecrhub.ecr.serial.UsbFraming} is the public facade for
 * other transports that carry the same frames (raw TCP's {@code USB_FRAME} candidate, in the hub
 * and the simulator). Frames are never delimited by scanning for the end marker, and payloads are
 * never logged.
 */
package io.ecrhub.ecr.serial;
