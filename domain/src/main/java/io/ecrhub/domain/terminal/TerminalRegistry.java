package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link RegisterTerminal}, {@link ChangeTerminal}, {@link RemoveTerminal}: the registry's admin
 * operations, each in one unit of work. A device id belongs to one terminal; a moved terminal is
 * pinned afresh and its move recorded (the IP-stability check suggests a DHCP reservation); a
 * terminal with unfinished work stays.
 */
public final class TerminalRegistry implements RegisterTerminal, ChangeTerminal, RemoveTerminal {
  private final Terminals terminals;
  private final CertificatePins pins;
  private final AddressHistory addresses;
  private final UnfinishedWork unfinished;
  private final UnitOfWork uow;
  private final IdGenerator ids;
  private final Clock clock;

  public TerminalRegistry(
      Terminals terminals,
      CertificatePins pins,
      AddressHistory addresses,
      UnfinishedWork unfinished,
      UnitOfWork uow,
      IdGenerator ids,
      Clock clock) {
    this.terminals = Objects.requireNonNull(terminals, "terminals");
    this.pins = Objects.requireNonNull(pins, "pins");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.unfinished = Objects.requireNonNull(unfinished, "unfinished");
    this.uow = Objects.requireNonNull(uow, "uow");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Terminal register(RegisterTerminal.Command r) {
    Instant now = clock.instant();
    Transport transport = r.transport() == null ? Transport.HTTPS : r.transport();
    Terminal t =
        Terminal.builder()
            .id(TerminalId.of("trm_" + ids.next()))
            .name(r.name())
            .host(r.host())
            .port(r.port() == null ? transport.defaultPort() : r.port())
            .transport(transport)
            .posKey(r.posKey())
            .encryption(r.encryption())
            .model(r.model() == null ? TerminalModel.UNKNOWN : r.model())
            .storeId(r.storeId())
            .appVersion(r.appVersion())
            .deviceId(r.deviceId())
            .createdAt(now)
            .build();
    return uow.inTransaction(
        () -> {
          requireDeviceFree(t.deviceId().orElse(null), t.id());
          return terminals.save(t);
        });
  }

  /** The terminal. */
  public Terminal get(TerminalId id) {
    return terminals.findById(id).orElseThrow(() -> notFound(id));
  }

  @Override
  public Terminal change(TerminalId id, ChangeTerminal.Command c) {
    return uow.inTransaction(
        () -> {
          Terminal t = get(id);
          Instant now = clock.instant();
          String oldAddress = address(t);
          String oldHost = t.host();
          apply(t, c, now);
          t.touch(now);
          Terminal saved = terminals.save(t);
          if (!Objects.equals(oldAddress, address(saved))) {
            pins.clear(saved.id()); // a moved terminal presents a new leaf: pin it afresh
          }
          // the IP-stability check sees the move (and suggests a DHCP reservation)
          if (saved.transport() != Transport.SERIAL) {
            addresses.moved(saved.id(), oldHost, saved.createdAt(), saved.host(), now);
          }
          return saved;
        });
  }

  private void apply(Terminal t, ChangeTerminal.Command c, Instant now) {
    if (c.name() != null) {
      t.rename(c.name());
    }
    if (c.host() != null || c.port() != null || c.transport() != null) {
      Transport transport = c.transport() == null ? t.transport() : c.transport();
      int port =
          c.port() != null
              ? c.port()
              : (c.transport() != null ? transport.defaultPort() : t.port());
      t.moveTo(c.host() == null ? t.host() : c.host(), port, transport);
    }
    if (c.posKey() != null) {
      t.changeKey(c.posKey());
    }
    if (c.encryption() != null) {
      t.setEncryption(c.encryption());
    }
    if (c.model() != null) {
      t.setModel(c.model());
    }
    if (c.storeId() != null) {
      t.assignStore(c.storeId());
    }
    if (c.appVersion() != null) {
      t.setAppVersion(c.appVersion().orElse(null));
    }
    if (c.deviceId() != null) {
      String device = c.deviceId().orElse(null);
      requireDeviceFree(device, t.id());
      t.setDeviceId(device);
    }
    if (c.currencies() != null) {
      t.acceptCurrencies(c.currencies().orElse(null));
    }
    if (Boolean.FALSE.equals(c.enabled())) {
      t.disable(now);
    } else if (Boolean.TRUE.equals(c.enabled())) {
      t.enable(now);
    }
  }

  @Override
  public void remove(TerminalId id) {
    uow.run(
        () -> {
          get(id);
          unfinished
              .on(id)
              .ifPresent(
                  status -> {
                    throw new DomainException(
                        "TERMINAL_IN_USE",
                        "terminal "
                            + id
                            + " has a payment that is not final yet ("
                            + status
                            + "); wait until it settles, or disable the terminal instead");
                  });
          pins.clear(id);
          terminals.delete(id);
        });
  }

  private static String address(Terminal t) {
    return t.transport() + " " + t.host() + ":" + t.port();
  }

  private void requireDeviceFree(String deviceId, TerminalId self) {
    if (deviceId != null) {
      terminals
          .findByDeviceId(deviceId)
          .filter(other -> !other.id().equals(self))
          .ifPresent(
              other -> {
                throw new DomainException(
                    "DUPLICATE_DEVICE_ID",
                    "deviceId",
                    "device " + deviceId + " is already registered as terminal " + other.id());
              });
    }
  }

  private static NotFoundException notFound(TerminalId id) {
    return new NotFoundException("TERMINAL_NOT_FOUND", "no terminal " + id);
  }
}
