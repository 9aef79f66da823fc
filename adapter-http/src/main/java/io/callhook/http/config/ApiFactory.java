package io.callhook.http.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Optional;

/**
 * The read API under {@code /api}: its bearer token ({@code CALLHOOK_API_TOKEN}) and the browser origins allowed to call
 * it ({@code CALLHOOK_CORS_ALLOWED_ORIGINS}, comma-separated; {@code *} allows any origin). Without a token every API
 * request is refused, so the data is never open by accident.
 */
public class ApiFactory {

    private String token;

    private List<String> corsAllowedOrigins = List.of();

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

    @Override
    public String toString() {
        return "ApiFactory{token=" + (getToken().isPresent() ? "<set>" : "<none>")
                + ", corsAllowedOrigins=" + corsAllowedOrigins + "}";
    }
}
