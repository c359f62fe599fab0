package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.merchant.MmsDeviceSetting;
import io.ecrhub.domain.merchant.MmsDeviceSettings;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link MmsDeviceSettings}: what MMS last said per device; a later record for the same
 * device replaces the earlier one. Subclass it once per adapter; {@link #create()} returns an empty
 * store.
 */
public abstract class MmsDeviceSettingsContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  private MmsDeviceSettings settings;

  /** An empty store. */
  protected abstract MmsDeviceSettings create();

  @BeforeEach
  void setUpStore() {
    settings = create();
  }

  @Test
  void record_thenFind_returnsEveryField() {
    MmsDeviceSetting s = new MmsDeviceSetting("DEV-1", true, false, "mms-csv:/a.csv", T0);
    txRun(() -> settings.record(s));

    assertThat(tx(() -> settings.find("DEV-1"))).contains(s);
  }

  @Test
  void find_unknownDevice_isEmpty() {
    txRun(() -> settings.record(new MmsDeviceSetting("DEV-1", true, true, "mms", T0)));

    assertThat(tx(() -> settings.find("DEV-2"))).isEmpty();
  }

  @Test
  void recordAgain_replacesWhatMmsSaidBefore_perDevice() {
    txRun(() -> settings.record(new MmsDeviceSetting("DEV-1", true, true, "mms-a", T0)));
    txRun(() -> settings.record(new MmsDeviceSetting("DEV-2", true, true, "mms-a", T0)));
    MmsDeviceSetting later =
        new MmsDeviceSetting("DEV-1", false, false, "mms-b", T0.plusSeconds(60));
    txRun(() -> settings.record(later));

    assertThat(tx(() -> settings.find("DEV-1"))).contains(later);
    assertThat(tx(() -> settings.find("DEV-2")))
        .contains(new MmsDeviceSetting("DEV-2", true, true, "mms-a", T0));
  }

  @Test
  void longestValues_fit() {
    MmsDeviceSetting s = new MmsDeviceSetting("D".repeat(64), false, true, "s".repeat(300), T0);
    txRun(() -> settings.record(s));

    assertThat(tx(() -> settings.find("D".repeat(64)))).contains(s);
  }
}
