package io.ecrhub.ecr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcNetArpTableTest {
  private static final String TABLE =
      """
      IP address       HW type     Flags       HW address            Mask     Device
      192.168.1.50     0x1         0x2         3C:5A:B4:01:02:03     *        wlan0
      192.168.1.51     0x1         0x0         00:00:00:00:00:00     *        wlan0
      192.168.1.52     0x1         0x6         aa:bb:cc:dd:ee:ff     *        eth0
      192.168.1.5      0x1         0x2         11:22:33:44:55:66     *        eth0
      """;

  private static ProcNetArpTable table(Path dir, String content) throws Exception {
    Path f = dir.resolve("arp");
    Files.writeString(f, content, StandardCharsets.US_ASCII);
    return new ProcNetArpTable(f);
  }

  @Test
  void completeEntry_givesTheMacInLowercase_matchingTheWholeAddress(@TempDir Path dir)
      throws Exception {
    ProcNetArpTable t = table(dir, TABLE);
    assertThat(t.macAddress("192.168.1.50")).contains("3c:5a:b4:01:02:03");
    assertThat(t.macAddress("192.168.1.52")).contains("aa:bb:cc:dd:ee:ff");
    assertThat(t.macAddress("192.168.1.5")).contains("11:22:33:44:55:66");
  }

  @Test
  void incompleteOrAbsentEntries_andHostNames_giveNothing(@TempDir Path dir) throws Exception {
    ProcNetArpTable t = table(dir, TABLE);
    assertThat(t.macAddress("192.168.1.51")).as("did not answer ARP").isEmpty();
    assertThat(t.macAddress("10.0.0.1")).as("not on this segment").isEmpty();
    assertThat(t.macAddress("terminal.lan")).as("names are never resolved").isEmpty();
    assertThat(t.macAddress("192.168.1.5 ")).isEmpty();
  }

  @Test
  void missingOrGarbledFile_givesNothing(@TempDir Path dir) throws Exception {
    assertThat(new ProcNetArpTable(dir.resolve("none")).macAddress("192.168.1.50")).isEmpty();
    assertThat(
            table(dir, "192.168.1.50 0x1 zz 3c:5a:b4:01:02:03\n192.168.1.50 x\n")
                .macAddress("192.168.1.50"))
        .isEmpty();
  }
}
