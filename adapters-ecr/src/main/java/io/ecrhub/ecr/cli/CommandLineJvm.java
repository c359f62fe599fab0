package io.ecrhub.ecr.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the command-line tools (the doctor CLI, the standalone simulator) set first thing in {@code
 * main}, so that their output is theirs alone on every JDK from 21 on:
 *
 * <ul>
 *   <li>Netty leaves {@code sun.misc.Unsafe} alone ({@code io.netty.noUnsafe}): on JDK 24 and newer
 *       its first use prints a deprecation warning on stderr. A tool's traffic needs no off-heap
 *       buffers. Set before any Netty class loads; an explicit {@code -Dio.netty.noUnsafe} wins.
 *   <li>java.util.logging reports warnings and errors only: the channel's INFO lines (a pinned
 *       certificate, a serial port opened) belong in the hub's log, not in a report on
 *       stdout/stderr.
 * </ul>
 */
public final class CommandLineJvm {
  private CommandLineJvm() {}

  public static void prepare() {
    if (System.getProperty("io.netty.noUnsafe") == null) {
      System.setProperty("io.netty.noUnsafe", "true");
    }
    Logger.getLogger("").setLevel(Level.WARNING);
  }
}
