package io.ecrhub.app.diagnostics.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Row of {@code terminal_address}: one address a terminal answered at. */
@Entity
@Table(name = "terminal_address")
class AddressEntity {
  @EmbeddedId Key key;

  @Column(name = "mac")
  String mac;

  @Column(name = "first_seen")
  Instant firstSeen;

  @Column(name = "last_seen")
  Instant lastSeen;

  /** Terminal and address. */
  @Embeddable
  static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    @Column(name = "terminal_id")
    String terminalId;

    @Column(name = "ip")
    String ip;

    Key() {}

    Key(String terminalId, String ip) {
      this.terminalId = terminalId;
      this.ip = ip;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.terminalId.equals(terminalId) && k.ip.equals(ip);
    }

    @Override
    public int hashCode() {
      return Objects.hash(terminalId, ip);
    }
  }
}
