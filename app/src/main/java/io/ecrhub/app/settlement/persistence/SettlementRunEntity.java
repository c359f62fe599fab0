package io.ecrhub.app.settlement.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** Row of {@code settlement_run}. */
@Entity
@Table(name = "settlement_run")
class SettlementRunEntity {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "business_date")
  LocalDate businessDate;

  @Column(name = "zone")
  String zone;

  @Column(name = "ran_at")
  Instant ranAt;

  @Column(name = "status")
  String status;

  @Column(name = "matched")
  int matched;

  @Column(name = "amount_differs")
  int amountDiffers;

  @Column(name = "only_at_qfpay")
  int onlyAtQfpay;

  @Column(name = "only_in_hub")
  int onlyInHub;

  @Column(name = "detail")
  String detail;
}
