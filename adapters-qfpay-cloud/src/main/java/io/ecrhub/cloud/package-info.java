/**
 * QFPay's cloud over the JDK HTTP client: the Open API ({@code /trade/v1/query}, {@code
 * /trade/v1/refund}) as a {@link io.ecrhub.domain.cloud.CloudLedger} and the ECR cloud ({@code
 * /ecr/v1/*}) as an {@link io.ecrhub.domain.cloud.EcrCloud}. Open one {@link
 * io.ecrhub.cloud.QfpayCloud} per merchant account: it owns the account's rate limit.
 */
package io.ecrhub.cloud;
