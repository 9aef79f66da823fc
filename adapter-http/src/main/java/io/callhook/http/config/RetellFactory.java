package io.callhook.http.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.callhook.core.retell.RetellSignatureVerifier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * How webhooks from Retell are authenticated and bounded.
 *
 * <p>{@code apiKeys} are the Retell API keys whose HMAC signs each webhook ({@code RETELL_API_KEY}); several,
 * comma-separated, while a key is being rotated (new first). Without a key no webhook can be verified, so the endpoint
 * answers 503 and Retell keeps retrying until one is configured.
 */
public class RetellFactory {

    /** Default body limit: 1 MiB, far above any Retell payload (a long call_analyzed is a few hundred KiB). */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private List<String> apiKeys = List.of();

    @Min(1)
    @Max(64 * 1024 * 1024)
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    @JsonProperty
    public List<String> getApiKeys() {
        return apiKeys;
    }

    @JsonProperty
    @JsonDeserialize(using = CommaSeparatedListDeserializer.class)
    public void setApiKeys(List<String> apiKeys) {
        this.apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    @JsonProperty
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    @JsonProperty
    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The verifier for the configured keys, or empty when none is configured. Built once, at start-up. */
    public Optional<RetellSignatureVerifier> buildVerifier(Clock clock) {
        return apiKeys.isEmpty() ? Optional.empty() : Optional.of(new RetellSignatureVerifier(apiKeys, clock));
    }

    @Override
    public String toString() {
        return "RetellFactory{apiKeys=" + apiKeys.size() + " configured, maxBodyBytes=" + maxBodyBytes + "}";
    }
}
