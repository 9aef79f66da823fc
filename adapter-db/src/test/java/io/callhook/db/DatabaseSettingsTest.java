package io.callhook.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void emptyEnvironmentMeansEmbeddedServerInVarPgdataOnAFreePort() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of());

        assertThat(settings.usesEmbedded()).isTrue();
        assertThat(settings.url()).isNull();
        assertThat(settings.embeddedDataDirectory()).isEqualTo(Path.of("var", "pgdata"));
        assertThat(settings.embeddedPort()).isZero();
    }

    @Test
    void blankUrlStillMeansEmbedded() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of("CALLHOOK_DATABASE_URL", "  "));

        assertThat(settings.usesEmbedded()).isTrue();
    }

    @Test
    void urlUserAndPasswordSelectAnExternalServer() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "CALLHOOK_DATABASE_URL", "jdbc:postgresql://db.internal:5432/callhook",
                "CALLHOOK_DATABASE_USER", "callhook",
                "CALLHOOK_DATABASE_PASSWORD", "s3cret"));

        assertThat(settings.usesEmbedded()).isFalse();
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.internal:5432/callhook");
        assertThat(settings.user()).isEqualTo("callhook");
        assertThat(settings.password()).isEqualTo("s3cret");
    }

    @Test
    void embeddedDataDirectoryAndPortAreRead() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "CALLHOOK_EMBEDDED_DATA_DIR", "/srv/callhook/pg",
                "CALLHOOK_EMBEDDED_PORT", "54329"));

        assertThat(settings.embeddedDataDirectory()).isEqualTo(Path.of("/srv/callhook/pg"));
        assertThat(settings.embeddedPort()).isEqualTo(54329);
    }

    @Test
    void nonNumericPortIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(Map.of("CALLHOOK_EMBEDDED_PORT", "five")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CALLHOOK_EMBEDDED_PORT")
                .hasMessageContaining("'five'");
    }

    @Test
    void portOutOfRangeIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(Map.of("CALLHOOK_EMBEDDED_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CALLHOOK_EMBEDDED_PORT")
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(Map.of("CALLHOOK_EMBEDDED_PORT", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CALLHOOK_EMBEDDED_PORT");
    }

    @Test
    void urlThatIsNotPostgresJdbcIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(
                Map.of("CALLHOOK_DATABASE_URL", "postgres://localhost/callhook")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CALLHOOK_DATABASE_URL")
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "CALLHOOK_DATABASE_URL", "jdbc:postgresql://db/callhook?password=inurl",
                "CALLHOOK_DATABASE_PASSWORD", "s3cret"));

        assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("inurl");
    }
}
