package io.callhook.http.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The outage spool: where verified deliveries are kept while the database cannot be reached ({@code directory},
 * {@code CALLHOOK_SPOOL_DIR}, default {@code ./var/spool}; one directory per server process), how large it may grow
 * ({@code maxBytes}, {@code CALLHOOK_SPOOL_MAX_BYTES}, default 256 MiB; beyond it such deliveries are answered 503; 0
 * turns the spool off), and how often the drainer looks for spooled deliveries when no append wakes it.
 */
public class SpoolFactory {

    /** 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    @NotEmpty
    private String directory = "var/spool";

    @Min(0)
    private long maxBytes = DEFAULT_MAX_BYTES;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration drainInterval = Duration.seconds(1);

    @JsonProperty
    public String getDirectory() {
        return directory;
    }

    @JsonProperty
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    @JsonProperty
    public long getMaxBytes() {
        return maxBytes;
    }

    @JsonProperty
    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @JsonProperty
    public Duration getDrainInterval() {
        return drainInterval;
    }

    @JsonProperty
    public void setDrainInterval(Duration drainInterval) {
        this.drainInterval = drainInterval;
    }

    /** Whether deliveries are spooled during a database outage ({@code maxBytes} above 0). */
    public boolean isEnabled() {
        return maxBytes > 0;
    }

    public Path directoryPath() {
        return Path.of(directory.strip());
    }
}
