package io.ecrhub.domain.terminal;

/**
 * How a request is framed on raw TCP (port 9002). QFPay documents no framing (protocol doc §2.2);
 * these are the candidates, unverified on hardware. {@link #HALF_CLOSE} is the default.
 */
public enum TcpFraming {
  /** Base64 request bytes, then shutdownOutput, response read to EOF. */
  HALF_CLOSE,
  /** Base64 request bytes plus '\n', response read to EOF. */
  NEWLINE,
  /** The JSON-quoted Base64 string, then half-close. */
  JSON_QUOTED,
  /** The USB frame of §2.3 around the Base64 data. */
  USB_FRAME
}
