package io.ecrhub.app.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingJdbcDriverTest {

  @Test
  void h2FileUrls_writeEveryCommitThrough_unlessTheOperatorSaysOtherwise() {
    assertThat(RoutingJdbcDriver.durable("jdbc:h2:file:./data/ecrhub;MODE=PostgreSQL"))
        .isEqualTo("jdbc:h2:file:./data/ecrhub;MODE=PostgreSQL;WRITE_DELAY=0");
    assertThat(RoutingJdbcDriver.durable("jdbc:h2:tcp://127.0.0.1:9092/ecrhub;"))
        .isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/ecrhub;WRITE_DELAY=0");
    assertThat(RoutingJdbcDriver.durable("jdbc:h2:file:./x;write_delay=100"))
        .isEqualTo("jdbc:h2:file:./x;write_delay=100");
    assertThat(RoutingJdbcDriver.durable("jdbc:h2:mem:t;DB_CLOSE_DELAY=-1"))
        .isEqualTo("jdbc:h2:mem:t;DB_CLOSE_DELAY=-1");
    assertThat(RoutingJdbcDriver.durable("jdbc:postgresql://127.0.0.1:5432/ecrhub"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/ecrhub");
  }

  @Test
  void anH2FileDatabaseOpenedThroughTheDriver_hasNoWriteDelay(@TempDir Path dir) throws Exception {
    Properties user = new Properties();
    user.setProperty("user", "sa");
    user.setProperty("password", "");
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";MODE=PostgreSQL";
    try (Connection c = new RoutingJdbcDriver().connect(url, user);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("0");
    }
  }
}
