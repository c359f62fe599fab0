package io.ecrhub.ecr.cli;

import io.ecrhub.domain.diagnostics.NeighbourTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Adapter: {@link NeighbourTable} over Linux's IPv4 neighbour (ARP) table, {@code /proc/net/arp}.
 * The kernel fills it when the hub talks to a host on its own segment (the diagnostics' probes do),
 * so after a run it holds the terminal's MAC; a terminal behind a router never appears (the router
 * does, under its own IP). Read on each call; a missing or unreadable file (not Linux, a sandbox)
 * means no MAC is known.
 *
 * <p>Layout (whitespace-separated, one header line):
 *
 * <pre>
 * IP address       HW type     Flags       HW address            Mask     Device
 * 192.168.1.50     0x1         0x2         3c:5a:b4:01:02:03     *        wlan0
 * 192.168.1.51     0x1         0x0         00:00:00:00:00:00     *        wlan0
 * </pre>
 *
 * Only complete entries count (flag {@code 0x2}, ATF_COM); the second line is a host that did not
 * answer ARP.
 */
public final class ProcNetArpTable implements NeighbourTable {
  /** Where Linux shows the table. */
  public static final Path LINUX = Path.of("/proc/net/arp");

  private static final int ATF_COM = 0x2;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final String NO_MAC = "00:00:00:00:00:00";

  private final Path file;

  public ProcNetArpTable(Path file) {
    this.file = file;
  }

  @Override
  public Optional<String> macAddress(String host) {
    if (host == null || !IPV4.matcher(host).matches()) {
      return Optional.empty();
    }
    for (String line : lines()) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4 || !f[0].equals(host)) {
        continue;
      }
      String mac = f[3].toLowerCase(Locale.ROOT);
      if (complete(f[2]) && MAC.matcher(mac).matches() && !mac.equals(NO_MAC)) {
        return Optional.of(mac);
      }
    }
    return Optional.empty();
  }

  private List<String> lines() {
    try {
      return Files.isReadable(file)
          ? Files.readAllLines(file, StandardCharsets.US_ASCII)
          : List.of();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  private static boolean complete(String flags) {
    try {
      return (Integer.decode(flags) & ATF_COM) != 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "ProcNetArpTable[" + file + "]";
  }
}
