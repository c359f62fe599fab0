/**
 * A stand-in for QFPay terminals (Haojin app) and QFPay's notification sender, used by the hub's
 * tests, its demo mode and standalone ({@link io.ecrhub.simulator.SimulatorMain}).
 *
 * <p>Entry points: {@link io.ecrhub.simulator.TerminalSimulator#start} with a {@link
 * io.ecrhub.simulator.SimulatorConfig} of {@link io.ecrhub.simulator.TerminalConfig}s, then {@link
 * io.ecrhub.simulator.SimulatedTerminal} handles. Certificates come from {@link
 * io.ecrhub.simulator.SimulatorPki}; faults are {@link io.ecrhub.simulator.Fault}s.
 *
 * <p>Choices where QFPay documents nothing (protocol doc §12), all [INFERRED]:
 *
 * <ul>
 *   <li>Every ECR answer is HTTP 200 with the envelope {@code {respcd, respmsg, resperr, data}},
 *       {@code data} a JSON-encoded string; wrong method 4004, unknown path HTTP 404 with 4005.
 *   <li>Amounts in responses ({@code txamt}, {@code originTxamt}, {@code allow_refund_amt}) are
 *       dollars with two decimals as strings ({@code "10.50"}); notifications use cents.
 *   <li>A trade, refund or print while a trade or refund is in flight answers {@code 6002} with
 *       resperr {@code "device busy"}; query (4001) and cancel (5001) are served meanwhile.
 *   <li>A 5001 with nothing in flight answers {@code 6002} "no request in progress".
 *   <li>An approved or waiting payment's out_trade_no cannot be reused: {@code 6002} "duplicate
 *       out_trade_no".
 *   <li>Status codes inside {@code data.respcd}: 0000 approved, 1143 waiting, 1205 declined, 1142
 *       cancelled, 1181 card wait timed out.
 *   <li>TCP (9002): one request per connection, ended by half-close or a newline; the answer is the
 *       envelope, then close. A connection that starts with {@code 2F 6E 01} speaks the USB link of
 *       §2.3 instead (transport {@code tcp-usb}): the request frame(s) are acknowledged with {@code
 *       0x20}, the answer comes as {@code 0x10} frame(s) (1024-byte fragments), and the connection
 *       closes once the hub acknowledges it.
 * </ul>
 *
 * <p>Serial (§2.3): {@link io.ecrhub.simulator.serial.SerialTerminalServer} serves a terminal on a
 * device path through {@link io.ecrhub.simulator.SimulatedTerminal#handleRequest} (transport {@code
 * serial}): the request's data segment is the body, the answer goes back as the POS's result
 * message, a dropped request is acknowledged and never answered. Enabled per terminal with {@code
 * TerminalConfig.Builder#serialDevice}.
 */
package io.ecrhub.simulator;
