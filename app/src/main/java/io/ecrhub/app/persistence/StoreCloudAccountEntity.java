package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code store_cloud_account} (V62); the client key only ever sealed. */
@Entity
@Table(name = "store_cloud_account")
class StoreCloudAccountEntity extends VersionedRow {
  @Column(name = "store_id")
  String storeId;

  @Column(name = "environment")
  String environment;

  @Column(name = "base_url")
  String baseUrl;

  @Column(name = "app_code")
  String appCode;

  @Column(name = "mchid")
  String mchid;

  @Column(name = "sign_type")
  String signType;

  @Column(name = "client_key_sealed")
  String clientKeySealed;

  @Column(name = "created_at")
  Instant createdAt;

  @Column(name = "updated_at")
  Instant updatedAt;
}
