using System.Reflection;

namespace WhatsTheTab.Fault.Tests;

/// <summary>Where the built silos are (their projects build before this one).</summary>
internal static class BuiltSilos
{
    public static string WebDll { get; } = Metadata("SiloWebDll");

    public static string GpuDll { get; } = Metadata("SiloGpuDll");

    private static string Metadata(string key) =>
        typeof(BuiltSilos).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
