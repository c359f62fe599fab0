package io.ecrhub.domain.terminal;

/**
 * How a request is framed on raw TCP (port 9002). QFPay documents no framing (protocol doc §2.2);
 * these are the doc's four candidates. All four are implemented by the terminal channel and served
 * by the simulator, and all four are <b>unverified on hardware</b>: an operator picks the one a
 * real terminal answers. {@link #HALF_CLOSE} is the default.
 */
public enum TcpFraming {
  /** Base64 request bytes, then shutdownOutput, response read to EOF. */
  HALF_CLOSE,
  /** Base64 request bytes plus '\n', response read to EOF. */
  NEWLINE,
  /** The JSON-quoted Base64 string, then half-close. */
  JSON_QUOTED,
  /**
   * The USB frame of §2.3 around the Base64 data: {@code 0x10} request frame(s) (split above 1024
   * bytes), the terminal's {@code 0x20} acknowledgement, then the result as {@code 0x10} frame(s),
   * which the hub acknowledges; output left open.
   */
  USB_FRAME
}
