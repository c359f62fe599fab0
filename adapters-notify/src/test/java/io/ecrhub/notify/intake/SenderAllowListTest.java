package io.ecrhub.notify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SenderAllowListTest {
  final List<Cidr> proxies = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1"));
  final SenderAllowList qfpayOnly =
      new SenderAllowList(
          true, SenderAllowList.QFPAY_SENDERS.stream().map(Cidr::parse).toList(), proxies);

  @Test
  void disabledByDefault_allowsEveryone() {
    assertThat(SenderAllowList.disabled(proxies).allows("198.51.100.7")).isTrue();
  }

  @Test
  void enabled_allowsOnlyQfpaySenders() {
    assertThat(qfpayOnly.allows("13.228.112.115")).isTrue();
    assertThat(qfpayOnly.allows("13.228.112.116")).isFalse();
    assertThat(qfpayOnly.allows("not-an-ip")).isFalse();
  }

  @Test
  void forwardedFor_isHonouredOnlyFromTrustedProxies() {
    assertThat(qfpayOnly.clientAddress("10.1.2.3", "18.138.115.47")).isEqualTo("18.138.115.47");
    assertThat(qfpayOnly.clientAddress("203.0.113.9", "18.138.115.47")).isEqualTo("203.0.113.9");
  }

  @Test
  void forwardedFor_isReadFromTheRight_soAClientCannotSpoofTheFirstHop() {
    String header = "18.166.202.92, 198.51.100.66, 10.9.9.9";
    assertThat(qfpayOnly.clientAddress("10.1.2.3", header)).isEqualTo("198.51.100.66");
    assertThat(qfpayOnly.allows(qfpayOnly.clientAddress("10.1.2.3", header))).isFalse();
  }

  @Test
  void cidrParsing_matchesRangesAndRefusesNames() {
    Cidr c = Cidr.parse("172.16.0.0/12");
    assertThat(c.contains(Cidr.literal("172.31.255.255").orElseThrow())).isTrue();
    assertThat(c.contains(Cidr.literal("172.32.0.0").orElseThrow())).isFalse();
    assertThat(Cidr.parse("2001:db8::/32").contains(Cidr.literal("2001:db8::1").orElseThrow()))
        .isTrue();
    assertThatThrownBy(() -> Cidr.parse("example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Cidr.literal("example.com")).isEmpty();
  }
}
