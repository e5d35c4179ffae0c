using WhatsTheTab.Storage;
using Microsoft.Extensions.Options;
using WhatsTheTab.Silo.Web.Embedded;
using WhatsTheTab.Silo.Web.Events;
using WhatsTheTab.Silo.Web.Supervisor;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>
/// The web silo's settings, read and validated once before the host is built (wiring depends on them), and what follows
/// from them: whether Redis is the embedded Garnet, whether grain state and media go to PostgreSQL.
/// </summary>
public sealed class WebSiloSettings
{
    public required RedisOptions Redis { get; init; }

    public required PostgresOptions Postgres { get; init; }

    public required WorkerTokenOptions Worker { get; init; }

    public required UploadOptions Uploads { get; init; }

    public required EmbeddedOptions Embedded { get; init; }

    public required OrleansHostingOptions Orleans { get; init; }

    public required EventRouterOptions Events { get; init; }

    public required SupervisorOptions Supervisor { get; init; }

    /// <summary>The URLs Kestrel listens on.</summary>
    public required IReadOnlyList<string> Urls { get; init; }

    /// <summary>No Redis configured: an in-process Garnet serves on loopback.</summary>
    public bool EmbeddedRedis => string.IsNullOrWhiteSpace(Redis.ConnectionString);

    /// <summary>PostgreSQL configured: grain state (ADO.NET) and media live there; otherwise Redis grain storage and files.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres.ConnectionString);

    /// <summary>The Redis the silo uses: the configured one or the embedded Garnet.</summary>
    public string RedisConnectionString => EmbeddedRedis
        ? $"127.0.0.1:{Embedded.GarnetPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : Redis.ConnectionString!;

    /// <summary>The embedded data folder as a full path.</summary>
    public string DataDirectory => Path.GetFullPath(Embedded.DataDirectory);

    /// <summary>
    /// Binds every section and validates it; throws <see cref="OptionsValidationException"/> listing every problem.
    /// In the embedded default an unset worker token is read from (or made once in) <c>{DataDirectory}/worker-token</c>.
    /// </summary>
    public static WebSiloSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var redis = Bind<RedisOptions>(configuration, RedisOptions.SectionName);
        var postgres = Bind<PostgresOptions>(configuration, PostgresOptions.SectionName);
        postgres.ConnectionString = configuration.GetConnectionString(PostgresOptions.ConnectionStringName);
        var worker = Bind<WorkerTokenOptions>(configuration, WorkerTokenOptions.SectionName);
        var embedded = Bind<EmbeddedOptions>(configuration, EmbeddedOptions.SectionName);
        var web = Bind<WebOptions>(configuration, WebOptions.SectionName);

        var failures = new List<string>();
        Check(new RedisOptionsValidator().Validate(null, redis), failures);
        Check(new PostgresOptionsValidator().Validate(null, postgres), failures);
        if (failures.Count == 0 && !string.IsNullOrWhiteSpace(postgres.ConnectionString))
        {
            postgres.ConnectionString = PostgresConnectionDefaults.Apply(postgres.ConnectionString);
        }

        Check(new EmbeddedOptionsValidator().Validate(null, embedded), failures);
        var settings = new WebSiloSettings
        {
            Redis = redis,
            Postgres = postgres,
            Worker = worker,
            Uploads = Validated(Bind<UploadOptions>(configuration, UploadOptions.SectionName), new UploadOptionsValidator(), failures),
            Embedded = embedded,
            Orleans = Validated(Bind<OrleansHostingOptions>(configuration, OrleansHostingOptions.SectionName), new OrleansHostingOptionsValidator(), failures),
            Events = Validated(Bind<EventRouterOptions>(configuration, EventRouterOptions.SectionName), new EventRouterOptionsValidator(), failures),
            Supervisor = Validated(Bind<SupervisorOptions>(configuration, SupervisorOptions.SectionName), new SupervisorOptionsValidator(), failures),
            Urls = ResolveUrls(web.Urls ?? configuration[WebHostDefaults.ServerUrlsKey], string.IsNullOrWhiteSpace(redis.ConnectionString)),
        };

        if (failures.Count == 0 && settings.EmbeddedRedis && string.IsNullOrWhiteSpace(worker.Token))
        {
            worker.Token = EmbeddedWorkerToken.ReadOrCreate(settings.DataDirectory);
        }

        Check(new WorkerTokenOptionsValidator().Validate(null, worker), failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(WebSiloSettings), typeof(WebSiloSettings), failures);
        }

        return settings;
    }

    private static string[] ResolveUrls(string? configured, bool embedded)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        // The embedded default serves one person on this machine: loopback only. A configured deployment sits behind
        // a load balancer or a pod network, so it listens on every interface.
        var port = WebOptions.DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return embedded ? [$"http://localhost:{port}"] : [$"http://+:{port}"];
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }

    private static T Validated<T>(T options, IValidateOptions<T> validator, List<string> failures)
        where T : class
    {
        Check(validator.Validate(null, options), failures);
        return options;
    }

    private static void Check(ValidateOptionsResult result, List<string> failures)
    {
        if (result.Failed)
        {
            failures.AddRange(result.Failures ?? [result.FailureMessage]);
        }
    }
}
