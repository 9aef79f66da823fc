package io.callhook.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.callhook.core.retell.RetellSignatureVerifier;
import io.callhook.http.api.ApiAuthentication;
import io.callhook.http.api.ApiBodyLimit;
import io.callhook.http.api.ApiTokenFilter;
import io.callhook.http.api.CorsFilter;
import io.callhook.http.api.PingResource;
import io.callhook.http.api.RequestJson;
import io.callhook.http.config.ApiFactory;
import io.callhook.http.config.BundledConfiguration;
import io.callhook.http.config.RetellFactory;
import io.callhook.http.config.SpoolFactory;
import io.callhook.http.dashboard.DashboardResource;
import io.callhook.http.database.DbCommand;
import io.callhook.http.database.PostgresServices;
import io.callhook.http.errors.ErrorMapper;
import io.callhook.http.errors.JsonErrorHandlers;
import io.callhook.http.errors.KeepAliveGuard;
import io.callhook.http.errors.TaskErrorFilter;
import io.callhook.http.ops.PrometheusServlet;
import io.callhook.http.ops.SigningKeyHealthCheck;
import io.callhook.http.resources.ActivityResource;
import io.callhook.http.resources.CallResource;
import io.callhook.http.resources.CampaignResource;
import io.callhook.http.resources.ContactResource;
import io.callhook.http.resources.OrganizationResource;
import io.callhook.http.spool.Spool;
import io.callhook.http.spool.SpoolDrainer;
import io.callhook.http.spool.SpoolHealthCheck;
import io.callhook.http.spool.SpoolMetrics;
import io.callhook.http.spool.SpoolWriter;
import io.callhook.http.stream.LiveSources;
import io.callhook.http.stream.StreamHub;
import io.callhook.http.stream.StreamResource;
import io.callhook.http.stream.TicketOrTokenFilter;
import io.callhook.http.webhook.DeclaredLengthFilter;
import io.callhook.http.webhook.RetellWebhookResource;
import io.callhook.http.webhook.WebhookMetrics;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.errors.EofExceptionWriterInterceptor;
import io.dropwizard.lifecycle.Managed;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callhook server and its composition root: every object of the running service is built here, by hand, once.
 *
 * <p>Commands: {@code server [config.yml]}, {@code check [config.yml]}, {@code db migrate [config.yml]} and
 * {@code db status [config.yml]}; without a file the bundled {@code callhook-default.yml} is used, filled from
 * environment variables.
 */
public class CallhookApplication extends Application<CallhookConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(CallhookApplication.class);

    private final CallhookServices.Factory services;

    /** The production server: the core use cases on PostgreSQL. */
    public CallhookApplication() {
        this(new PostgresServices());
    }

    /** A server whose use cases are built by {@code services} (tests plug in fakes here). */
    public CallhookApplication(CallhookServices.Factory services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public static void main(String[] args) throws Exception {
        new CallhookApplication().run(args);
    }

    @Override
    public String getName() {
        return "callhook";
    }

    @Override
    public void initialize(Bootstrap<CallhookConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(BundledConfiguration.sourceProvider());
        bootstrap.setConfigurationFactoryFactory(
                BundledConfiguration.factoryFactory(bootstrap::getConfigurationSourceProvider));
        // money is exact decimal text: 43.945, never 4.3945E+1
        bootstrap.getObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        RequestJson.registerTextRule(bootstrap.getObjectMapper());
        bootstrap.addCommand(new DbCommand(this::commandOutput));
    }

    /** Where commands other than {@code server} print their results. */
    protected PrintStream commandOutput() {
        return System.out;
    }

    @Override
    public void run(CallhookConfiguration configuration, Environment environment) throws Exception {
        // whole microseconds, as PostgreSQL stores them (receive times are kept in the inbox)
        Clock clock = MicrosecondClock.systemUtc();

        RetellFactory retell = configuration.getRetell();
        Optional<RetellSignatureVerifier> verifier = retell.buildVerifier(clock);
        if (verifier.isEmpty()) {
            LOG.warn("No Retell API key is configured: POST /webhooks/retell answers 503 to every delivery (Retell "
                    + "keeps retrying) until RETELL_API_KEY is set to the API key that signs your webhooks "
                    + "(comma-separated, newest first, while rotating keys).");
        }
        // request bodies of the API are read by Jackson: exactly, or refused with 422 (see RequestJson)
        RequestJson.refuseUnknownFieldsAndCoercion(environment.getObjectMapper());
        CallhookServices useCases = services.create(configuration, environment);
        WebhookMetrics webhookMetrics = new WebhookMetrics(environment.metrics());
        SpoolWriter spool = manageSpool(configuration.getSpool(), useCases, environment, clock);
        environment.jersey().register(new RetellWebhookResource(verifier, useCases.ingest(), webhookMetrics,
                retell.getMaxBodyBytes(), clock, spool));
        environment.servlets().addFilter("webhook-declared-length",
                        new DeclaredLengthFilter(retell.getMaxBodyBytes(), webhookMetrics))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/webhooks/*");

        registerApi(configuration.getApi(), useCases, environment, configuration, clock);
        environment.jersey().register(new DashboardResource());
        registerErrorHandling(configuration, environment);

        environment.healthChecks().register(SigningKeyHealthCheck.NAME,
                new SigningKeyHealthCheck(retell.getApiKeys().size()));
        environment.admin().addServlet("prometheus", new PrometheusServlet(environment.metrics()))
                .addMapping(PrometheusServlet.PATH);
    }

    /**
     * The outage spool and its drainer, started after the database (managed objects start in the order they are
     * added) and stopped before it; the spool file is closed after the drainer stopped.
     */
    private static SpoolWriter manageSpool(SpoolFactory config, CallhookServices useCases, Environment environment,
                                           Clock clock) throws java.io.IOException {
        if (!config.isEnabled()) {
            LOG.warn("The outage spool is off (spool.maxBytes is 0): webhooks that arrive while the database cannot be "
                    + "reached are answered 503, and Retell gives up after a few retries.");
            return SpoolWriter.NONE;
        }
        Spool spool = Spool.open(config.directoryPath(), config.getMaxBytes());
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() throws Exception {
                spool.close();
            }
        });
        SpoolMetrics metrics = new SpoolMetrics(environment.metrics(), spool, clock);
        environment.healthChecks().register(SpoolHealthCheck.NAME, new SpoolHealthCheck(spool, metrics));
        environment.lifecycle().manage(new SpoolDrainer(spool, useCases.ingest(),
                config.getDrainInterval().toJavaDuration(), metrics));
        return SpoolWriter.of(spool, metrics);
    }

    private static void registerApi(ApiFactory api, CallhookServices useCases, Environment environment,
                                    CallhookConfiguration configuration, Clock clock) {
        if (api.getToken().isEmpty()) {
            LOG.warn("No API token is configured: every request under {} answers 401 until CALLHOOK_API_TOKEN is set "
                    + "(then send it as 'Authorization: Bearer <token>').", ApiAuthentication.API_ROOT);
        }
        ApiTokenFilter tokens = new ApiTokenFilter(api.getToken());
        if (useCases.live().isPresent()) {
            LiveSources live = useCases.live().get();
            StreamHub hub = new StreamHub(live, configuration.getStream(), environment.getObjectMapper(),
                    environment.metrics(), clock);
            environment.lifecycle().manage(hub);
            environment.jersey().register(new StreamResource(hub));
            environment.jersey().register(new ApiAuthentication(tokens, new TicketOrTokenFilter(live.tickets(), tokens)));
        } else {
            environment.jersey().register(new ApiAuthentication(tokens));
        }
        environment.jersey().register(new ApiAuthentication.OptionsRequests(tokens));
        environment.jersey().register(new ApiBodyLimit(api.getMaxBodyBytes()));
        environment.jersey().register(new PingResource());
        environment.jersey().register(new CallResource(useCases.queries()));
        environment.jersey().register(new CampaignResource(useCases.queries(), useCases.administration()));
        environment.jersey().register(new ContactResource(useCases.queries()));
        environment.jersey().register(new OrganizationResource(useCases.queries(), useCases.administration()));
        environment.jersey().register(new ActivityResource(useCases.queries()));
        List<String> origins = api.getCorsAllowedOrigins();
        if (!origins.isEmpty()) {
            environment.servlets().addFilter("cors", new CorsFilter(origins))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false,
                            ApiAuthentication.API_ROOT + "/*");
        }
    }

    /** Every error, from Jersey or from Jetty, is answered {@code {"error","message"}} and nothing more. */
    private static void registerErrorHandling(CallhookConfiguration configuration, Environment environment) {
        // Dropwizard's own mappers answer {"code","message"}; the server factory reads this flag after run()
        if (configuration.getServerFactory() instanceof AbstractServerFactory serverFactory) {
            serverFactory.setRegisterDefaultExceptionMappers(false);
        }
        // the keep-alive guard refuses ambiguous URIs itself, after reading their body (see KeepAliveGuard); the
        // server is built after run(), so the connectors take this setting
        if (configuration.getServerFactory() instanceof DefaultServerFactory serverFactory) {
            for (ConnectorFactory connector : serverFactory.getApplicationConnectors()) {
                if (connector instanceof HttpConnectorFactory http) {
                    http.setUriCompliance(KeepAliveGuard.ACCEPTED_BY_CONNECTOR);
                }
            }
        }
        environment.jersey().register(new ErrorMapper());
        environment.jersey().register(new ErrorMapper.ForViolations());
        environment.jersey().register(EofExceptionWriterInterceptor.class);
        environment.getApplicationContext().setErrorHandler(JsonErrorHandlers.forContext());
        // registered last and matched first (isMatchAfter false puts it ahead of every filter before it)
        environment.servlets().addFilter("keep-alive-guard", new KeepAliveGuard())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
        environment.getAdminContext().setErrorHandler(JsonErrorHandlers.forContext());
        environment.admin().addFilter("task-errors", new TaskErrorFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/*");
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(JsonErrorHandlers.forServer());
                }
            }
        });
    }
}
