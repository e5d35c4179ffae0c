using System.Reflection;
using Xunit.Sdk;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>Runs a theory once against Redis and once against Garnet.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BothBackendsAttribute : DataAttribute
{
    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
    [
        [Backend.Redis],
        [Backend.Garnet],
    ];
}
