package io.callhook.http.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactoryFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The configuration that ships inside the jar ({@value #RESOURCE}), so {@code java -jar callhook-server.jar server}
 * runs with zero setup and everything else comes from environment variables ({@code ${VAR:-default}}).
 *
 * <p>Dropwizard's commands read no source at all when no file is given; {@link #factoryFactory} makes that case read
 * the bundled resource instead, through the same (substituting) source provider as a file would go.
 */
public final class BundledConfiguration {

    /** Classpath name of the bundled default configuration. */
    public static final String RESOURCE = "callhook-default.yml";

    private BundledConfiguration() {
    }

    /**
     * Files first; a path naming the bundled resource that is not a file reads the resource. Environment variables are
     * substituted in both ({@code ${VAR}} unset and without default stays as written, so YAML always gives defaults).
     */
    public static ConfigurationSourceProvider sourceProvider() {
        return new SubstitutingSourceProvider(new FileOrBundledSourceProvider(),
                new EnvironmentVariableSubstitutor(false));
    }

    /**
     * A factory whose no-file {@code build()} reads {@link #RESOURCE} through the provider {@code provider} supplies
     * at that moment (the bootstrap's, which tests may replace).
     */
    public static <T> ConfigurationFactoryFactory<T> factoryFactory(Supplier<ConfigurationSourceProvider> provider) {
        return (klass, validator, objectMapper, propertyPrefix) ->
                new BundledDefaultFactory<>(klass, validator, objectMapper, propertyPrefix, provider);
    }

    private static final class BundledDefaultFactory<T> extends YamlConfigurationFactory<T> {
        private final Supplier<ConfigurationSourceProvider> provider;

        BundledDefaultFactory(Class<T> klass, Validator validator, ObjectMapper objectMapper, String propertyPrefix,
                              Supplier<ConfigurationSourceProvider> provider) {
            super(klass, validator, objectMapper, propertyPrefix);
            this.provider = provider;
        }

        @Override
        public T build() throws IOException, ConfigurationException {
            return build(provider.get(), RESOURCE);
        }
    }

    /** Reads a file, or the bundled resource when the path names it and no such file exists. */
    static final class FileOrBundledSourceProvider implements ConfigurationSourceProvider {
        @Override
        public InputStream open(String path) throws IOException {
            Path file = Path.of(path);
            if (Files.exists(file) || !RESOURCE.equals(path)) {
                return Files.newInputStream(file);
            }
            InputStream bundled = BundledConfiguration.class.getClassLoader().getResourceAsStream(RESOURCE);
            if (bundled == null) {
                throw new FileNotFoundException("bundled configuration " + RESOURCE + " is missing from the classpath");
            }
            return bundled;
        }
    }
}
