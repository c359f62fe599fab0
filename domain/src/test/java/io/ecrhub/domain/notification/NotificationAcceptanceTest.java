package io.ecrhub.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.AcceptNotification.Result;
import io.ecrhub.domain.notification.AcceptNotification.Verified;
import io.ecrhub.domain.notification.IngestNotification.Verdict;
import io.ecrhub.domain.testing.DirectUnitOfWork;
import io.ecrhub.domain.testing.InMemoryNotificationInbox;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.SequenceIds;
import io.ecrhub.domain.testing.TestMoney;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationAcceptanceTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryNotificationInbox inbox = new InMemoryNotificationInbox();
  private final DirectUnitOfWork uow = new DirectUnitOfWork();
  private final List<String> appliedInline = new ArrayList<>();
  private final List<String> appliedLater = new ArrayList<>();
  private final List<String> fannedOut = new ArrayList<>();
  private RuntimeException applyFailure;

  private final ApplyNotification applier =
      n -> {
        if (applyFailure != null) {
          throw applyFailure;
        }
        appliedInline.add(n.syssn());
        return new ApplyResult.Applied("pay_" + n.syssn(), "settled");
      };

  private NotificationAcceptance acceptance(boolean together) {
    return new NotificationAcceptance(
        inbox,
        uow,
        new SequenceIds("s"),
        applier,
        (entry, n) -> appliedLater.add(entry.id()),
        (entry, n, now) -> fannedOut.add(entry.id()),
        together);
  }

  private Verified verified(String id, String syssn) {
    QfpayNotification n =
        new QfpayNotification(
            NotificationType.PAYMENT,
            syssn,
            "EH" + syssn,
            null,
            null,
            TestMoney.hkd("10.50"),
            "800101",
            "1",
            "0000",
            Map.of());
    InboxEntry entry =
        new InboxEntry(
            id,
            ("{\"syssn\":\"" + syssn + "\"}").getBytes(StandardCharsets.UTF_8),
            Map.of("x-qf-sign", "abc"),
            "10.0.0.1",
            clock.instant(),
            InboxStatus.VERIFIED,
            n.dedupeKey(),
            null,
            "key-1",
            n.outTradeNo(),
            syssn);
    return new Verified(entry, n);
  }

  @Test
  void storedOnItsOwn_isFannedOutInItsTransaction_andAppliedAfterTheCommit() {
    Result r = acceptance(false).store(verified("ntf_1", "S1"));

    assertThat(r).isEqualTo(new Result(Verdict.ACCEPTED, "ntf_1", false, null));
    assertThat(inbox.findById("ntf_1").orElseThrow().status()).isEqualTo(InboxStatus.VERIFIED);
    assertThat(fannedOut).containsExactly("ntf_1");
    assertThat(appliedLater).containsExactly("ntf_1");
    assertThat(appliedInline).isEmpty();
  }

  @Test
  void aSecondCopy_isADuplicate_acceptedButNeitherAppliedNorFannedOut() {
    NotificationAcceptance acceptance = acceptance(false);
    acceptance.store(verified("ntf_1", "S1"));

    Result again = acceptance.store(verified("ntf_2", "S1"));

    assertThat(again)
        .isEqualTo(new Result(Verdict.ACCEPTED, null, true, "duplicate of PAYMENT:S1"));
    assertThat(inbox.findById("ntf_2")).isEmpty();
    assertThat(fannedOut).containsExactly("ntf_1");
    assertThat(appliedLater).containsExactly("ntf_1");
  }

  @Test
  void storedAndAppliedTogether_isStoredWithTheStatusItsApplyProduced() {
    Result r = acceptance(true).store(verified("ntf_1", "S1"));

    assertThat(r.entryId()).isEqualTo("ntf_1");
    InboxEntry stored = inbox.findById("ntf_1").orElseThrow();
    assertThat(stored.status()).isEqualTo(InboxStatus.APPLIED);
    assertThat(stored.note()).isEqualTo("settled");
    assertThat(appliedInline).containsExactly("S1");
    assertThat(appliedLater).isEmpty();
    assertThat(fannedOut).containsExactly("ntf_1");
  }

  @Test
  void whenApplyingTogetherFails_itIsStoredOnItsOwn_andAppliedLater() {
    applyFailure = new IllegalStateException("database hiccup");

    Result r = acceptance(true).store(verified("ntf_1", "S1"));

    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(inbox.findById("ntf_1").orElseThrow().status()).isEqualTo(InboxStatus.VERIFIED);
    assertThat(appliedLater).containsExactly("ntf_1");
  }

  @Test
  void aGroup_storesEachKeyOnce_inOrder_andAnswersEveryCopy() {
    NotificationAcceptance acceptance = acceptance(true);
    acceptance.store(verified("ntf_0", "S0"));

    List<Result> results =
        acceptance.storeTogether(
            List.of(
                verified("ntf_1", "S1"),
                verified("ntf_2", "S1"),
                verified("ntf_3", "S0"),
                verified("ntf_4", "S2")));

    assertThat(results).extracting(Result::entryId).containsExactly("ntf_1", null, null, "ntf_4");
    assertThat(results).extracting(Result::duplicate).containsExactly(false, true, true, false);
    assertThat(inbox.findById("ntf_4").orElseThrow().status()).isEqualTo(InboxStatus.APPLIED);
    assertThat(appliedInline).containsExactly("S0", "S1", "S2");
    assertThat(fannedOut).containsExactly("ntf_0", "ntf_1", "ntf_4");
  }

  @Test
  void aGroupStoredWithoutApplying_isAppliedAfterItsCommit() {
    List<Result> results =
        acceptance(false).storeTogether(List.of(verified("ntf_1", "S1"), verified("ntf_2", "S2")));

    assertThat(results).extracting(Result::duplicate).containsOnly(false);
    assertThat(appliedLater).containsExactly("ntf_1", "ntf_2");
    assertThat(appliedInline).isEmpty();
  }

  @Test
  void anIgnoredNotification_isKeptOnce_withItsNoteAsTheReason() {
    NotificationAcceptance acceptance = acceptance(true);
    InboxEntry ignored =
        new InboxEntry(
            "ntf_9",
            new byte[] {'{', '}'},
            Map.of(),
            "10.0.0.1",
            clock.instant(),
            InboxStatus.IGNORED,
            "OTHER:newtype:S9",
            "unknown notify_type newtype; stored for an admin, not applied",
            "key-1",
            null,
            "S9");

    Result first = acceptance.storeIgnored(ignored);
    Result again = acceptance.storeIgnored(ignored.withStatus(InboxStatus.IGNORED, "again"));

    assertThat(first.reason()).startsWith("unknown notify_type newtype");
    assertThat(first.entryId()).isEqualTo("ntf_9");
    assertThat(again.duplicate()).isTrue();
    assertThat(appliedInline).isEmpty();
    assertThat(fannedOut).isEmpty();
  }

  @Test
  void aRejectedSample_keepsTheFirstBytes_andNamesTheWholeBodysLengthAndDigest() {
    byte[] body = new byte[NotificationAcceptance.SAMPLE_BODY_BYTES + 100];
    Arrays.fill(body, (byte) 'a');

    Result r =
        acceptance(false)
            .storeRejectedSample(
                body, Map.of(), "10.0.0.9", clock.instant(), Verdict.BAD_SIGNATURE, "no X-QF-SIGN");

    assertThat(r.verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(r.reason()).isEqualTo("no X-QF-SIGN");
    InboxEntry sample = inbox.findById(r.entryId()).orElseThrow();
    assertThat(sample.status()).isEqualTo(InboxStatus.REJECTED);
    assertThat(sample.rawBody()).hasSize(NotificationAcceptance.SAMPLE_BODY_BYTES);
    assertThat(sample.note())
        .startsWith("no X-QF-SIGN (body " + body.length + " bytes, SHA-256 ")
        .endsWith("; the first " + NotificationAcceptance.SAMPLE_BODY_BYTES + " kept)");
  }
}
