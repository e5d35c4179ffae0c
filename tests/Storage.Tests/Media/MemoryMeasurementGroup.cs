namespace WhatsTheTab.Storage.Tests.Media;

/// <summary>
/// Tests that measure the process's allocations run alone (after the parallel ones), so other tests' allocations
/// do not land in their numbers.
/// </summary>
[CollectionDefinition(nameof(MemoryMeasurementGroup), DisableParallelization = true)]
public sealed class MemoryMeasurementGroup;
