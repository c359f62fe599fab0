/**
 * Netty connections to terminals: connect (and handshake) within the connect timeout, one request
 * at a time per connection with a read timeout, bounded responses, keep-alive pooling.
 *
 * <p>Invariants: every failure is a result, never an exception; a failure before a connection is
 * handed out means nothing was written; event-loop threads never block.
 */
package io.ecrhub.ecr.transport;
