package io.ecrhub.mms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.merchant.ConfigSnapshot;
import io.ecrhub.domain.merchant.ConfigSourceException;
import io.ecrhub.domain.merchant.DeviceConfig;
import io.ecrhub.domain.merchant.RowError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonMerchantConfigSourceTest {
  static final String KEY_A = CsvMerchantConfigSourceTest.KEY_A;
  static final String KEY_B = CsvMerchantConfigSourceTest.KEY_B;

  private static ConfigSnapshot json(String text) {
    return JsonMerchantConfigSource.upload(
            "list.json", text.getBytes(StandardCharsets.UTF_8), ImportOptions.defaults())
        .fetch();
  }

  @Test
  void arrayOfDevices_withTolerantNamesAndValueTypes() {
    ConfigSnapshot s =
        json(
            "[{\"deviceId\":\"A1\",\"name\":\"Front\",\"posKey\":\""
                + KEY_A
                + "\",\"https\":true,\"encryption\":1,\"ip\":\"10.0.0.5\"},"
                + "{\"serial_number\":\"A2\",\"pos_key\":\""
                + KEY_B
                + "\",\"enable_https\":\"off\",\"encrypted\":\"YES\"}]");
    assertThat(s.errors()).isEmpty();
    assertThat(s.devices()).extracting(DeviceConfig::deviceId).containsExactly("A1", "A2");
    assertThat(s.devices().get(0).https()).isTrue();
    assertThat(s.devices().get(0).encryption()).isTrue();
    assertThat(s.devices().get(1).https()).isFalse();
  }

  @Test
  void wrappedList_badElementsAndBadRows_areReportedByPosition() {
    ConfigSnapshot s =
        json(
            "{\"data\":{\"devices\":["
                + "{\"sn\":\"A1\",\"key\":\""
                + KEY_A
                + "\",\"https\":1,\"encryption\":1},"
                + "42,"
                + "{\"sn\":\"A3\",\"key\":\"short\",\"https\":1,\"encryption\":1},"
                + "{\"sn\":\"A4\",\"key\":\""
                + KEY_B
                + "\",\"https\":{\"on\":true},\"encryption\":1}]}}");
    assertThat(s.devices()).extracting(DeviceConfig::deviceId).containsExactly("A1");
    assertThat(s.errors()).extracting(RowError::row).containsExactly(2, 3, 4);
    assertThat(s.errors().get(0).reason()).contains("element 2 is not an object");
    assertThat(s.errors().get(1).reason()).doesNotContain("short");
  }

  @Test
  void invalidJson_isRejected_withPositionButNoContent() {
    assertThatThrownBy(() -> json("[{\"sn\":\"A1\",\"key\":\"" + KEY_A + "\", oops}]"))
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("line 1")
        .hasMessageNotContaining(KEY_A);
    assertThatThrownBy(() -> json("{\"something\":1}"))
        .hasMessageContaining("no device list found");
  }

  @Test
  void fileSource_isNamedByItsPath(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("list.json");
    Files.writeString(
        f, "[{\"sn\":\"A1\",\"key\":\"" + KEY_A + "\",\"https\":1,\"encryption\":0}]");
    JsonMerchantConfigSource src = JsonMerchantConfigSource.file(f, ImportOptions.defaults());
    assertThat(src.name()).isEqualTo("json:" + f);
    assertThat(src.fetch().devices())
        .singleElement()
        .extracting(DeviceConfig::encryption)
        .isEqualTo(false);
  }
}
