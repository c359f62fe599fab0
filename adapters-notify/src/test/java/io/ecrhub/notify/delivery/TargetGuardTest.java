package io.ecrhub.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetGuardTest {
  /** A resolver over a fixed table: no DNS in tests. */
  final Map<String, String[]> dns =
      Map.of(
          "erp.example.com", new String[] {"93.184.216.34"},
          "inward.example.com", new String[] {"93.184.216.34", "10.0.0.5"},
          "metadata.example.com", new String[] {"169.254.169.254"});

  final TargetGuard guard =
      new TargetGuard(
          host -> {
            String[] ips = dns.get(host);
            if (ips == null) {
              InetAddress literal = literal(host);
              if (literal == null) {
                throw new UnknownHostException(host);
              }
              return new InetAddress[] {literal};
            }
            InetAddress[] out = new InetAddress[ips.length];
            for (int i = 0; i < ips.length; i++) {
              out[i] = literal(ips[i]);
            }
            return out;
          });

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, LOOPBACK",
    "127.255.0.9, LOOPBACK",
    "::1, LOOPBACK",
    "169.254.169.254, LINK_LOCAL",
    "fe80::1, LINK_LOCAL",
    "10.1.2.3, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "100.64.0.1, PRIVATE",
    "fc00::1, UNIQUE_LOCAL",
    "fd12:3456::1, UNIQUE_LOCAL",
    "224.0.0.1, MULTICAST",
    "ff02::1, MULTICAST",
    "0.0.0.0, UNSPECIFIED",
    "::, UNSPECIFIED",
    "255.255.255.255, RESERVED",
    "198.18.0.1, RESERVED",
    "2001:db8::1, RESERVED",
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:10.0.0.1, PRIVATE",
    "::ffff:a9fe:a9fe, LINK_LOCAL",
    "::127.0.0.1, LOOPBACK",
    "64:ff9b::a00:1, PRIVATE",
    "2002:c0a8:0101::1, PRIVATE",
    "93.184.216.34, PUBLIC",
    "172.32.0.1, PUBLIC",
    "2606:4700::1111, PUBLIC"
  })
  void classifiesAddresses(String ip, AddressClass expected) {
    assertThat(TargetGuard.classify(literal(ip))).as(ip).isEqualTo(expected);
  }

  @Test
  void publicTarget_isAllowed() {
    guard.check(URI.create("https://erp.example.com/qfpay/notify"), false);
  }

  @Test
  void loopbackLinkLocalAndPrivateTargets_areRefusedUnlessExplicitlyAllowed() {
    for (String url :
        new String[] {
          "http://127.0.0.1:8069/qfpay/notify",
          "http://[::1]/x",
          "http://metadata.example.com/latest",
          "http://[::ffff:127.0.0.1]/x",
          "http://0.0.0.0/x"
        }) {
      assertThatThrownBy(() -> guard.check(URI.create(url), false))
          .as(url)
          .isInstanceOfSatisfying(
              TargetRefusedException.class,
              e -> assertThat(e.getMessage()).contains("allow private targets"));
      guard.check(URI.create(url), true);
    }
  }

  @Test
  void aNameThatAlsoResolvesInward_isRefused() {
    assertThatThrownBy(() -> guard.check(URI.create("https://inward.example.com/x"), false))
        .hasMessageContaining("10.0.0.5");
  }

  @Test
  void unresolvableOrNonHttpTargets_areRefused() {
    assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.invalid/x"), true))
        .hasMessageContaining("does not resolve");
    assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd"), true))
        .isInstanceOf(TargetRefusedException.class);
    assertThatThrownBy(() -> guard.check(URI.create("gopher://erp.example.com/"), true))
        .isInstanceOf(TargetRefusedException.class);
  }

  static InetAddress literal(String ip) {
    return io.ecrhub.notify.intake.Cidr.literal(ip).orElse(null);
  }
}
