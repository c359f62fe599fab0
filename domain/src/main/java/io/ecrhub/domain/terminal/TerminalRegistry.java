package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.shared.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

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
  private final Predicate<String> cloudServesStore;

  /** A registry on a hub without a QFPay cloud account: CLOUD terminals and fallbacks refused. */
  public TerminalRegistry(
      Terminals terminals,
      CertificatePins pins,
      AddressHistory addresses,
      UnfinishedWork unfinished,
      UnitOfWork uow,
      IdGenerator ids,
      Clock clock) {
    this(terminals, pins, addresses, unfinished, uow, ids, clock, () -> false);
  }

  /**
   * @param cloudConfigured whether a QFPay cloud account can reach terminals (CLOUD transport,
   *     cloud fallback); asked on every registration or change that needs it
   */
  public TerminalRegistry(
      Terminals terminals,
      CertificatePins pins,
      AddressHistory addresses,
      UnfinishedWork unfinished,
      UnitOfWork uow,
      IdGenerator ids,
      Clock clock,
      BooleanSupplier cloudConfigured) {
    this(
        terminals,
        pins,
        addresses,
        unfinished,
        uow,
        ids,
        clock,
        store -> cloudConfigured.getAsBoolean());
    Objects.requireNonNull(cloudConfigured, "cloudConfigured");
  }

  /**
   * @param cloudServesStore whether a QFPay cloud account serves a store (null: a terminal of no
   *     store), so its terminals can be reached through the cloud (ADR 0028); asked on every
   *     registration or change that needs it
   */
  public TerminalRegistry(
      Terminals terminals,
      CertificatePins pins,
      AddressHistory addresses,
      UnfinishedWork unfinished,
      UnitOfWork uow,
      IdGenerator ids,
      Clock clock,
      Predicate<String> cloudServesStore) {
    this.terminals = Objects.requireNonNull(terminals, "terminals");
    this.pins = Objects.requireNonNull(pins, "pins");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.unfinished = Objects.requireNonNull(unfinished, "unfinished");
    this.uow = Objects.requireNonNull(uow, "uow");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cloudServesStore = Objects.requireNonNull(cloudServesStore, "cloudServesStore");
  }

  @Override
  public Terminal register(RegisterTerminal.Command r) {
    Instant now = clock.instant();
    Transport transport = r.transport() == null ? Transport.HTTPS : r.transport();
    requireNoAddress(transport, r.host(), r.port());
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
            .cloudFallback(Boolean.TRUE.equals(r.cloudFallback()))
            .createdAt(now)
            .build();
    requireCloudAccount(t);
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
          t.requireCloudReach();
          if (c.transport() != null || c.cloudFallback() != null) {
            requireCloudAccount(t);
          }
          t.touch(now);
          Terminal saved = terminals.save(t);
          if (!Objects.equals(oldAddress, address(saved))) {
            pins.clear(saved.id()); // a moved terminal presents a new leaf: pin it afresh
          }
          // the IP-stability check sees the move (and suggests a DHCP reservation)
          if (saved.transport() != Transport.SERIAL && saved.transport().local()) {
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
      requireNoAddress(transport, c.host(), c.port());
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
    if (c.cloudFallback() != null) {
      t.setCloudFallback(c.cloudFallback());
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

  /** A CLOUD terminal is named by its Device ID: a host or port given with it is a mistake. */
  private static void requireNoAddress(Transport transport, String host, Integer port) {
    if (transport == Transport.CLOUD) {
      ValidationException.require(
          host == null || host.isBlank(),
          "INVALID_HOST",
          "host",
          "a CLOUD terminal has no host: QFPay's cloud reaches it by its deviceId");
      ValidationException.require(
          port == null,
          "INVALID_PORT",
          "port",
          "a CLOUD terminal has no port: QFPay's cloud reaches it by its deviceId");
    }
  }

  /** Refuses the cloud transport or a fallback on a hub without a QFPay cloud account. */
  private void requireCloudAccount(Terminal t) {
    if (t.usesCloud() && !cloudServesStore.test(t.storeId().orElse(null))) {
      throw new DomainException(
          "CLOUD_NOT_CONFIGURED",
          t.transport() == Transport.CLOUD ? "transport" : "cloudFallback",
          "no QFPay cloud account is configured on this hub (ecrhub.qfpay.cloud.app-code and"
              + " client-key) nor for the terminal's store (POST /api/v1/cloud-accounts): a"
              + " terminal cannot be reached through the cloud");
    }
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
