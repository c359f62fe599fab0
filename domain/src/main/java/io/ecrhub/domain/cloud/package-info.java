/**
 * QFPay's cloud (Open API and its ECR cloud variant, protocol doc §8 and §11): the hub's third
 * source of truth after the terminal and QFPay's notifications, a refund path that does not need
 * the terminal, and a transport to a terminal through QFPay.
 *
 * <p>Invariants: every answer is a sealed {@link io.ecrhub.domain.cloud.CloudOutcome}; a request
 * that may have reached QFPay and got no complete answer is {@code OutcomeUnknown}, never {@code
 * Failed}; amounts cross the port as {@link io.ecrhub.domain.shared.Money} (QFPay's integer cents
 * parsed exactly); a {@link io.ecrhub.domain.cloud.ClientKey} never prints itself.
 */
package io.ecrhub.domain.cloud;
