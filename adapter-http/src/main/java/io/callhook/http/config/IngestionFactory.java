package io.callhook.http.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callhook.core.service.ApplyPolicy;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.concurrent.TimeUnit;

/**
 * The appliers that apply accepted webhooks behind the acknowledgement: how many threads per server process
 * ({@code CALLHOOK_APPLIERS}; 0 accepts but applies nothing, e.g. for a process that only receives), how many events
 * one batch claims ({@code CALLHOOK_APPLY_BATCH_SIZE}), how many attempts an event that fails to apply gets before it is
 * dead ({@code CALLHOOK_APPLY_MAX_ATTEMPTS}), how old the oldest pending event may get before the {@code ingestion}
 * health check reports it ({@code CALLHOOK_INGESTION_MAX_LAG}), how often appliers look for work when no
 * notification wakes them, and after how long a claim whose process died is taken over.
 */
public class IngestionFactory {

    @Min(0)
    @Max(256)
    private int appliers = 4;

    @Min(1)
    @Max(10_000)
    private int batchSize = 100;

    @Min(1)
    @Max(1_000)
    private int maxAttempts = ApplyPolicy.DEFAULT.maxAttempts();

    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration maxLag = Duration.seconds(30);

    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration pollInterval = Duration.milliseconds(500);

    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration reclaimAfter = Duration.minutes(2);

    @JsonProperty
    public int getAppliers() {
        return appliers;
    }

    @JsonProperty
    public void setAppliers(int appliers) {
        this.appliers = appliers;
    }

    @JsonProperty
    public int getBatchSize() {
        return batchSize;
    }

    @JsonProperty
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    @JsonProperty
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @JsonProperty
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @JsonProperty
    public Duration getMaxLag() {
        return maxLag;
    }

    @JsonProperty
    public void setMaxLag(Duration maxLag) {
        this.maxLag = maxLag;
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
    public Duration getReclaimAfter() {
        return reclaimAfter;
    }

    @JsonProperty
    public void setReclaimAfter(Duration reclaimAfter) {
        this.reclaimAfter = reclaimAfter;
    }

    /** The retry and take-over policy these settings describe. */
    public ApplyPolicy toPolicy() {
        return new ApplyPolicy(maxAttempts, ApplyPolicy.DEFAULT.firstRetry(), ApplyPolicy.DEFAULT.maxRetry(),
                reclaimAfter.toJavaDuration());
    }
}
