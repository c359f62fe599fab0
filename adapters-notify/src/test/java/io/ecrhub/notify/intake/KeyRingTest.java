package io.ecrhub.notify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.notification.NotificationKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRingTest {
  static final byte[] BODY = NotificationSignatureTest.BODY;
  static final String SIGN = NotificationSignatureTest.SIGN;
  static final NotificationKey GOOD = NotificationSignatureTest.KEY;

  static final byte[] LEGACY_FORM =
      NotificationParser.legacySigningForm(new NotificationParser("HKD").readTree(BODY));

  @Test
  void legacyForm_isAcceptedAsAFallbackAndReportedAsSuch() {
    KeyRing ring =
        new KeyRing(
            List.of(
                entry("other", NotificationKey.of("the_new_notification_key"), Set.of(), 2),
                entry("good", GOOD, Set.of(), 1)),
            8,
            false);

    assertThat(
            ring.match(BODY, LEGACY_FORM, NotificationSignatureTest.LEGACY_SIGN, RoutingHint.NONE))
        .contains(new KeyRing.Match("good", KeyRing.Form.SORTED_FIELDS));
    assertThat(ring.match(BODY, LEGACY_FORM, SIGN, RoutingHint.NONE))
        .contains(new KeyRing.Match("good", KeyRing.Form.RAW_BODY));
  }

  @Test
  void legacyForm_isRefusedWhenSwitchedOff_withAWrongKey_orBeyondTheTriedKeys() {
    String legacy = NotificationSignatureTest.LEGACY_SIGN;
    KeyRing off = new KeyRing(List.of(entry("good", GOOD, Set.of(), 1)), 8, false, false);
    assertThat(off.match(BODY, LEGACY_FORM, legacy, RoutingHint.NONE)).isEmpty();

    KeyRing wrong =
        new KeyRing(
            List.of(entry("k", NotificationKey.of("the_new_notification_key"), Set.of(), 1)),
            8,
            false);
    assertThat(wrong.match(BODY, LEGACY_FORM, legacy, RoutingHint.NONE)).isEmpty();

    List<KeyRing.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(entry("wrong" + i, NotificationKey.of("wrong_key_" + i), Set.of(), 10 + i));
    }
    entries.add(entry("good", GOOD, Set.of(), 1)); // oldest: tried last, beyond the bound of 3
    assertThat(new KeyRing(entries, 3, false).match(BODY, LEGACY_FORM, legacy, RoutingHint.NONE))
        .isEmpty();
  }

  @Test
  void duringRotation_oldAndNewKeysBothVerify() {
    NotificationKey newKey = NotificationKey.of("the_new_notification_key");
    KeyRing ring =
        new KeyRing(
            List.of(entry("old", GOOD, Set.of(), 1), entry("new", newKey, Set.of(), 2)), 8, false);

    assertThat(ring.verify(BODY, SIGN, RoutingHint.NONE)).contains("old");
    assertThat(ring.verify(BODY, NotificationSignature.sign(BODY, newKey), RoutingHint.NONE))
        .contains("new");
  }

  @Test
  void afterRotation_theRetiredKeyNoLongerVerifies() {
    KeyRing ring =
        new KeyRing(
            List.of(entry("new", NotificationKey.of("the_new_notification_key"), Set.of(), 2)),
            8,
            false);

    assertThat(ring.verify(BODY, SIGN, RoutingHint.NONE)).isEmpty();
  }

  @Test
  void routedKeyIsTriedFirst_evenBeyondTheBoundForUnroutedKeys() {
    List<KeyRing.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      entries.add(entry("k" + i, NotificationKey.of("unrelated-key-" + i), Set.of(), i + 100));
    }
    entries.add(entry("merchant-x", GOOD, Set.of("x"), 1));
    KeyRing ring = new KeyRing(entries, 3, false);

    RoutingHint hint = RoutingHint.of("x--1--2", null, null);
    assertThat(ring.candidates(hint).get(0).id()).isEqualTo("merchant-x");
    assertThat(ring.verify(BODY, SIGN, hint)).contains("merchant-x");
  }

  @Test
  void triesAreBounded_soAKeyBeyondTheBoundIsNotFoundWithoutARoute() {
    List<KeyRing.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(entry("k" + i, NotificationKey.of("unrelated-key-" + i), Set.of(), i + 100));
    }
    entries.add(entry("oldest", GOOD, Set.of(), 1));
    KeyRing ring = new KeyRing(entries, 3, false);

    assertThat(ring.candidates(RoutingHint.NONE)).hasSize(3);
    assertThat(ring.verify(BODY, SIGN, RoutingHint.NONE)).isEmpty();
    assertThat(new KeyRing(entries, 6, false).verify(BODY, SIGN, RoutingHint.NONE))
        .contains("oldest");
  }

  @Test
  void moreThanEightTriesPerNotification_isRefused() {
    List<KeyRing.Entry> one = List.of(entry("k", GOOD, Set.of(), 1));
    assertThatThrownBy(() -> new KeyRing(one, 9, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 8");
    assertThatThrownBy(() -> new KeyRing(one, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyUnroutedKeys_atMostEightAreTried() {
    List<KeyRing.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      entries.add(entry("k" + i, NotificationKey.of("unrelated-key-" + i), Set.of(), i + 100));
    }
    KeyRing ring = new KeyRing(entries, KeyRing.MAX_TRIES, false);
    assertThat(ring.candidates(RoutingHint.NONE)).hasSize(8);
  }

  @Test
  void routingHintIsAskedForOnlyWhenItChangesTheKeysTried() {
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<RoutingHint> hint =
        () -> {
          asked.incrementAndGet();
          return RoutingHint.of("x--1--2", null, null);
        };
    KeyRing few =
        new KeyRing(
            List.of(
                entry("merchant-x", GOOD, Set.of("x"), 1),
                entry("other", NotificationKey.of("the_new_notification_key"), Set.of(), 2)),
            8,
            false);
    assertThat(few.needsHint()).isFalse();
    assertThat(few.match(BODY, () -> null, SIGN, hint)).isPresent();
    assertThat(asked).hasValue(0);

    List<KeyRing.Entry> many = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add(entry("k" + i, NotificationKey.of("unrelated-key-" + i), Set.of(), i + 100));
    }
    many.add(entry("merchant-x", GOOD, Set.of("x"), 1));
    KeyRing routed = new KeyRing(many, 8, false);
    assertThat(routed.needsHint()).isTrue();
    assertThat(routed.match(BODY, () -> null, SIGN, hint)).isPresent();
    assertThat(asked).hasValue(1);
  }

  @Test
  void missingHeader_verifiesNothing() {
    KeyRing ring = new KeyRing(List.of(entry("k", GOOD, Set.of(), 1)), 8, false);
    assertThat(ring.verify(BODY, null, RoutingHint.NONE)).isEmpty();
    assertThat(ring.verify(BODY, " ", RoutingHint.NONE)).isEmpty();
  }

  @Test
  void routingHint_takesOdooSegmentsPrefixesAndMchid() {
    RoutingHint hint = RoutingHint.of("uuid-1--42--7", "shop_a-0001", "M100");
    assertThat(hint.tokens()).contains("uuid-1", "uuid", "42", "7", "shop_a-0001", "shop", "M100");
  }

  @Test
  void entriesNeverPrintTheirKey() {
    assertThat(entry("k", GOOD, Set.of(), 1).toString()).doesNotContain("qfpay_notification");
  }

  static KeyRing.Entry entry(String id, NotificationKey key, Set<String> routes, long addedSecond) {
    return new KeyRing.Entry(id, key, routes, Instant.ofEpochSecond(addedSecond));
  }
}
