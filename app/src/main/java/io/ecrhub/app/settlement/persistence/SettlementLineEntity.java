package io.ecrhub.app.settlement.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Row of {@code settlement_line}: one line of a run that did not match. */
@Entity
@Table(name = "settlement_line")
@IdClass(SettlementLineEntity.Key.class)
class SettlementLineEntity {
  @Id
  @Column(name = "run_id")
  String runId;

  @Id
  @Column(name = "line_no")
  int lineNo;

  @Column(name = "outcome")
  String outcome;

  @Column(name = "kind")
  String kind;

  @Column(name = "hub_id")
  String hubId;

  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "out_trade_no")
  String outTradeNo;

  @Column(name = "syssn")
  String syssn;

  @Column(name = "hub_status")
  String hubStatus;

  @Column(name = "hub_minor")
  Long hubMinor;

  @Column(name = "hub_currency")
  String hubCurrency;

  @Column(name = "cloud_respcd")
  String cloudRespcd;

  @Column(name = "cloud_minor")
  Long cloudMinor;

  @Column(name = "cloud_currency")
  String cloudCurrency;

  @Column(name = "at")
  Instant at;

  /** The primary key: the run and the line's place in it. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String runId;
    int lineNo;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.lineNo == lineNo && Objects.equals(k.runId, runId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(runId, lineNo);
    }
  }
}
