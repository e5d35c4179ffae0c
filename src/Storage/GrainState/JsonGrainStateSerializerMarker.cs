namespace WhatsTheTab.Storage.GrainState;

/// <summary>Registered once by <see cref="GrainStorageSiloBuilderExtensions.UseJsonGrainStateSerializer"/> so the JSON options are configured once.</summary>
internal sealed class JsonGrainStateSerializerMarker;
