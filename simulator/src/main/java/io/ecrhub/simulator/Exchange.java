package io.ecrhub.simulator;

import java.time.Instant;

/**
 * One request the terminal answered (or dropped), for tests asserting what the hub sent.
 *
 * @param transport {@code https}, {@code http}, {@code tcp}, {@code tcp-usb} (USB frames on the TCP
 *     port) or the name an extension transport gave
 * @param funcType the request's func_type, or 0 when it could not be read
 * @param respcd the ECR code answered, or null when the connection was dropped without an answer
 */
public record Exchange(String transport, int funcType, String respcd, Instant at) {}
