/**
 * The terminal channel ({@link io.ecrhub.ecr.channel.NettyTerminalChannel}): routes each command to
 * HTTPS, HTTP, raw TCP or USB serial, enforces single flight and the certificate pin, and
 * classifies what happened.
 *
 * <p>Invariants: NotSent only when the request provably never left; OutcomeUnknown whenever it may
 * have reached the terminal without a complete answer; trades and refunds never reuse a pooled
 * connection; no payload or key is ever logged.
 */
package io.ecrhub.ecr.channel;
