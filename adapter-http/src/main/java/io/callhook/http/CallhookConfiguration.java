package io.callhook.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callhook.http.config.ApiFactory;
import io.callhook.http.config.DatabaseFactory;
import io.callhook.http.config.IngestionFactory;
import io.callhook.http.config.RetellFactory;
import io.callhook.http.config.SpoolFactory;
import io.callhook.http.config.StreamFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Everything the server needs, as validated nested factories. The bundled {@code callhook-default.yml} fills it from
 * environment variables, so secrets (Retell keys, API token, database password) never live in a file in git.
 */
public class CallhookConfiguration extends Configuration {

    @Valid
    @NotNull
    private RetellFactory retell = new RetellFactory();

    @Valid
    @NotNull
    private ApiFactory api = new ApiFactory();

    @Valid
    @NotNull
    private DatabaseFactory database = new DatabaseFactory();

    @Valid
    @NotNull
    private StreamFactory stream = new StreamFactory();

    @JsonProperty
    public StreamFactory getStream() {
        return stream;
    }

    @JsonProperty
    public void setStream(StreamFactory stream) {
        this.stream = stream;
    }

    @Valid
    @NotNull
    private IngestionFactory ingestion = new IngestionFactory();

    @JsonProperty
    public IngestionFactory getIngestion() {
        return ingestion;
    }

    @JsonProperty
    public void setIngestion(IngestionFactory ingestion) {
        this.ingestion = ingestion;
    }

    @Valid
    @NotNull
    private SpoolFactory spool = new SpoolFactory();

    @JsonProperty
    public SpoolFactory getSpool() {
        return spool;
    }

    @JsonProperty
    public void setSpool(SpoolFactory spool) {
        this.spool = spool;
    }

    @JsonProperty
    public RetellFactory getRetell() {
        return retell;
    }

    @JsonProperty
    public void setRetell(RetellFactory retell) {
        this.retell = retell;
    }

    @JsonProperty
    public ApiFactory getApi() {
        return api;
    }

    @JsonProperty
    public void setApi(ApiFactory api) {
        this.api = api;
    }

    @JsonProperty
    public DatabaseFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DatabaseFactory database) {
        this.database = database;
    }
}
