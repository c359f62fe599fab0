package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** The black hole drops connects (the caller's timeout ends them), and only while it is open. */
class BlackHoleTest {
  @Test
  void connectsTimeOut_whileOpen_andAreRefusedOnceClosed() throws Exception {
    InetSocketAddress address;
    try (BlackHole hole = BlackHole.open()) {
      address = new InetSocketAddress(hole.host(), hole.port());
      for (int i = 0; i < 2; i++) {
        try (Socket s = new Socket()) {
          assertThatThrownBy(() -> s.connect(address, 300))
              .isInstanceOf(SocketTimeoutException.class);
        }
      }
    }
    try (Socket s = new Socket()) {
      assertThatThrownBy(() -> s.connect(address, 2_000)).isInstanceOf(ConnectException.class);
    }
  }
}
