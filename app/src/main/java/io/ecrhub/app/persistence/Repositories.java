package io.ecrhub.app.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The Panache repositories behind the persistence adapters (one per table). */
final class Repositories {
  private Repositories() {}

  @ApplicationScoped
  static class TerminalRepository implements PanacheRepositoryBase<TerminalEntity, String> {}

  @ApplicationScoped
  static class PaymentRepository implements PanacheRepositoryBase<PaymentEntity, String> {}

  @ApplicationScoped
  static class RefundRepository implements PanacheRepositoryBase<RefundEntity, String> {}

  @ApplicationScoped
  static class CertificatePinRepository
      implements PanacheRepositoryBase<CertificatePinEntity, String> {}

  @ApplicationScoped
  static class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyEntity, String> {}

  @ApplicationScoped
  static class TransactionEventRepository
      implements PanacheRepositoryBase<TransactionEventEntity, Long> {}

  @ApplicationScoped
  static class TerminalLeaseRepository
      implements PanacheRepositoryBase<TerminalLeaseEntity, String> {}

  @ApplicationScoped
  static class IdempotentRequestRepository
      implements PanacheRepositoryBase<IdempotentRequestEntity, IdempotentRequestEntity.Key> {}

  @ApplicationScoped
  static class StoreCloudAccountRepository
      implements PanacheRepositoryBase<StoreCloudAccountEntity, String> {}

  @ApplicationScoped
  static class SecretFormatRepository
      implements PanacheRepositoryBase<SecretFormatEntity, String> {}
}
