using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.Silo.Web.Hosting;

namespace WhatsTheTab.Silo.Web.Internal;

/// <summary>
/// Guards the internal endpoints: <c>X-Worker-Token</c> must equal the configured worker token, compared in constant
/// time. Missing → 401, wrong → 403, both as problem details; nothing of the token is echoed or logged.
/// </summary>
public sealed partial class WorkerTokenFilter : IEndpointFilter
{
    // Both sides are hashed first so the comparison takes the same time whatever the presented token's length.
    private readonly byte[] _expectedHash;
    private readonly ILogger<WorkerTokenFilter> _logger;

    public WorkerTokenFilter(IOptions<WorkerTokenOptions> options, ILogger<WorkerTokenFilter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var token = options.Value.Token;
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new InvalidOperationException("No worker token is configured (Worker__Token).");
        }

        _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));
        _logger = logger;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var presented = context.HttpContext.Request.Headers[InternalApi.TokenHeader];
        if (presented.Count == 0 || string.IsNullOrEmpty(presented[0]))
        {
            LogRefused(_logger, context.HttpContext.Request.Path, "missing");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Worker token required",
                detail: $"Internal endpoints need the {InternalApi.TokenHeader} header.");
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented[0]!.Trim()));
        if (presented.Count != 1 || !CryptographicOperations.FixedTimeEquals(presentedHash, _expectedHash))
        {
            LogRefused(_logger, context.HttpContext.Request.Path, "wrong");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Worker token refused",
                detail: $"The {InternalApi.TokenHeader} header does not match this deployment's worker token.");
        }

        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Internal request to {Path} refused: {Problem} worker token")]
    private static partial void LogRefused(ILogger logger, PathString path, string problem);
}
