package io.ecrhub.app.diagnostics.persistence;

import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.TerminalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Adapter: addresses terminals answered at, in {@code terminal_address}. */
@ApplicationScoped
@Transactional
public class JpaAddressHistory implements AddressHistory {
  private final EntityManager em;

  @Inject
  JpaAddressHistory(EntityManager em) {
    this.em = em;
  }

  @Override
  public void seen(TerminalId terminalId, String ip, String mac, Instant at) {
    AddressEntity.Key key = new AddressEntity.Key(terminalId.value(), ip);
    AddressEntity row = em.find(AddressEntity.class, key);
    if (row == null) {
      row = new AddressEntity();
      row.key = key;
      row.mac = mac;
      row.firstSeen = at;
      row.lastSeen = at;
      em.persist(row);
      return;
    }
    row.lastSeen = at;
    if (mac != null) {
      row.mac = mac;
    }
  }

  @Override
  public List<AddressSighting> history(TerminalId terminalId) {
    return em
        .createQuery(
            "FROM AddressEntity WHERE key.terminalId = :t ORDER BY lastSeen, firstSeen",
            AddressEntity.class)
        .setParameter("t", terminalId.value())
        .getResultList()
        .stream()
        .map(r -> new AddressSighting(r.key.ip, r.mac, r.firstSeen, r.lastSeen))
        .toList();
  }
}
