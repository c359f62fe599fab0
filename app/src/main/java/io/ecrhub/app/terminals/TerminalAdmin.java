package io.ecrhub.app.terminals;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.certificate.CertificatePins;
import io.ecrhub.domain.diagnostics.AddressHistory;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.Currencies;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalModel;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Use case: register, change and remove terminals (admin operations on the registry). */
@ApplicationScoped
public class TerminalAdmin {
  private final Terminals terminals;
  private final Payments payments;
  private final CertificatePins pins;
  private final UnitOfWork uow;
  private final IdGenerator ids;
  private final Clock clock;
  private final HubConfig config;
  private final AddressHistory addresses;

  @Inject
  public TerminalAdmin(
      Terminals terminals,
      Payments payments,
      CertificatePins pins,
      UnitOfWork uow,
      IdGenerator ids,
      Clock clock,
      HubConfig config,
      AddressHistory addresses) {
    this.terminals = terminals;
    this.payments = payments;
    this.pins = pins;
    this.addresses = addresses;
    this.uow = uow;
    this.ids = ids;
    this.clock = clock;
    this.config = config;
  }

  /** What an admin gives to register a terminal; null means the default. */
  public record Registration(
      String name,
      String host,
      Integer port,
      String transport,
      String posKey,
      Boolean encryption,
      String model,
      String storeId,
      String appVersion,
      String deviceId) {
    @Override
    public String toString() {
      return "Registration[" + name + " " + transport + " " + host + ":" + port + "]";
    }
  }

  /** Changes to a terminal; null fields stay as they are. */
  public record Change(
      String name,
      String host,
      Integer port,
      String transport,
      String posKey,
      Boolean encryption,
      String model,
      String storeId,
      String appVersion,
      String deviceId,
      Boolean enabled,
      List<String> currencies) {
    @Override
    public String toString() {
      return "Change[" + name + " " + transport + " " + host + ":" + port + "]";
    }
  }

  public Terminal register(Registration r) {
    Instant now = clock.instant();
    Transport transport = r.transport() == null ? Transport.HTTPS : Transport.parse(r.transport());
    Terminal t =
        Terminal.builder()
            .id(TerminalId.of("trm_" + ids.next()))
            .name(r.name())
            .host(r.host())
            .port(r.port() == null ? transport.defaultPort() : r.port())
            .transport(transport)
            .posKey(posKey(r.posKey()))
            .encryption(r.encryption())
            .model(TerminalModel.parse(r.model()))
            .storeId(r.storeId())
            .appVersion(r.appVersion() == null ? null : AppVersion.parse(r.appVersion()))
            .deviceId(deviceId(r.deviceId()))
            .createdAt(now)
            .build();
    return uow.inTransaction(
        () -> {
          requireDeviceFree(t.deviceId().orElse(null), t.id());
          return terminals.save(t);
        });
  }

  public Terminal get(TerminalId id) {
    return terminals.findById(id).orElseThrow(() -> notFound(id));
  }

  public Terminal change(TerminalId id, Change c) {
    return uow.inTransaction(
        () -> {
          Terminal t = get(id);
          Instant now = clock.instant();
          String oldAddress = t.transport() + " " + t.host() + ":" + t.port();
          String oldHost = t.host();
          if (c.name() != null) {
            t.rename(c.name());
          }
          if (c.host() != null || c.port() != null || c.transport() != null) {
            Transport transport =
                c.transport() == null ? t.transport() : Transport.parse(c.transport());
            int port =
                c.port() != null
                    ? c.port()
                    : (c.transport() != null ? transport.defaultPort() : t.port());
            t.moveTo(c.host() == null ? t.host() : c.host(), port, transport);
          }
          if (c.posKey() != null) {
            t.changeKey(posKey(c.posKey()));
          }
          if (c.encryption() != null) {
            t.setEncryption(c.encryption());
          }
          if (c.model() != null) {
            t.setModel(TerminalModel.parse(c.model()));
          }
          if (c.storeId() != null) {
            t.assignStore(c.storeId());
          }
          if (c.appVersion() != null) {
            t.setAppVersion(c.appVersion().isBlank() ? null : AppVersion.parse(c.appVersion()));
          }
          if (c.deviceId() != null) {
            String device = deviceId(c.deviceId());
            requireDeviceFree(device, t.id());
            t.setDeviceId(device);
          }
          if (c.currencies() != null) {
            t.acceptCurrencies(c.currencies().isEmpty() ? null : Currencies.of(c.currencies()));
          }
          if (Boolean.FALSE.equals(c.enabled())) {
            t.disable(now);
          } else if (Boolean.TRUE.equals(c.enabled())) {
            t.enable(now);
          }
          t.touch(now);
          Terminal saved = terminals.save(t);
          String newAddress = saved.transport() + " " + saved.host() + ":" + saved.port();
          if (!Objects.equals(oldAddress, newAddress)) {
            pins.clear(saved.id()); // a moved terminal presents a new leaf: pin it afresh
          }
          // the IP-stability check sees the move (and suggests a DHCP reservation)
          if (saved.transport() != Transport.SERIAL) {
            addresses.moved(saved.id(), oldHost, saved.createdAt(), saved.host(), now);
          }
          return saved;
        });
  }

  public void remove(TerminalId id) {
    uow.run(
        () -> {
          get(id);
          for (TransactionStatus s :
              new TransactionStatus[] {
                TransactionStatus.PENDING, TransactionStatus.IN_PROGRESS, TransactionStatus.UNKNOWN
              }) {
            if (!payments.list(new Payments.Filter(id, s, null, null), null, 1).items().isEmpty()) {
              throw new DomainException(
                  "TERMINAL_IN_USE",
                  "terminal "
                      + id
                      + " has a payment that is not final yet ("
                      + s
                      + "); wait until it settles, or disable the terminal instead");
            }
          }
          pins.clear(id);
          terminals.delete(id);
        });
  }

  private PosKey posKey(String value) {
    return PosKey.of(value, config.terminal().allowPublishedDefaultKey());
  }

  private static String deviceId(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!value.matches("[A-Za-z0-9_.:-]{1,64}")) {
      throw new io.ecrhub.domain.shared.ValidationException(
          "INVALID_DEVICE_ID", "deviceId", "deviceId must be 1-64 of letters, digits, _ . : -");
    }
    return value;
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
