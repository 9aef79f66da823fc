package io.callhook.http.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;

/**
 * The read API under {@code /api}: its bearer token ({@code CALLHOOK_API_TOKEN}) and the browser origins allowed to call
 * it ({@code CALLHOOK_CORS_ALLOWED_ORIGINS}, comma-separated; {@code *} allows any origin), and the largest request body
 * it reads ({@code CALLHOOK_API_MAX_BODY_BYTES}, default 5 MiB: room for a CSV of about 100,000 contacts). Without a
 * token every API request is refused, so the data is never open by accident.
 */
public class ApiFactory {

    /** Default body limit of the API: 5 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

    private String token;

    private List<String> corsAllowedOrigins = List.of();

    @Min(1)
    @Max(256 * 1024 * 1024)
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    @JsonProperty
    public Optional<String> getToken() {
        return Optional.ofNullable(token).map(String::strip).filter(t -> !t.isEmpty());
    }

    @JsonProperty
    public void setToken(String token) {
        this.token = token;
    }

    @JsonProperty
    public List<String> getCorsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    @JsonProperty
    @JsonDeserialize(using = CommaSeparatedListDeserializer.class)
    public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
        this.corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }

    @JsonProperty
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    @JsonProperty
    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String toString() {
        return "ApiFactory{token=" + (getToken().isPresent() ? "<set>" : "<none>")
                + ", corsAllowedOrigins=" + corsAllowedOrigins + ", maxBodyBytes=" + maxBodyBytes + "}";
    }
}
