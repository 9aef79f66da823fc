package io.callhook.http.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The live stream behind the dashboard ({@code GET /api/stream}): how many pages may follow it at once per server
 * process ({@code CALLHOOK_STREAM_MAX_SUBSCRIBERS}; each holds a thread), how often an idle stream sends a heartbeat
 * comment so proxies keep it open, how often it looks at the database when no wake-up arrived, how often it sends
 * webhook health, and how long a stream ticket lives.
 */
public class StreamFactory {

    @Min(1)
    @Max(1_000)
    private int maxSubscribers = 32;

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration heartbeatInterval = Duration.seconds(15);

    @NotNull
    @MinDuration(value = 50, unit = TimeUnit.MILLISECONDS)
    private Duration pollInterval = Duration.seconds(2);

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration healthInterval = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration ticketLifetime = Duration.seconds(30);

    @JsonProperty
    public int getMaxSubscribers() {
        return maxSubscribers;
    }

    @JsonProperty
    public void setMaxSubscribers(int maxSubscribers) {
        this.maxSubscribers = maxSubscribers;
    }

    @JsonProperty
    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    @JsonProperty
    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public Duration getHealthInterval() {
        return healthInterval;
    }

    @JsonProperty
    public void setHealthInterval(Duration healthInterval) {
        this.healthInterval = healthInterval;
    }

    @JsonProperty
    public Duration getTicketLifetime() {
        return ticketLifetime;
    }

    @JsonProperty
    public void setTicketLifetime(Duration ticketLifetime) {
        this.ticketLifetime = ticketLifetime;
    }
}
