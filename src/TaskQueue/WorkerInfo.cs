namespace WhatsTheTab.TaskQueue;

/// <summary>What a worker writes into its <c>worker:{id}</c> heartbeat.</summary>
/// <param name="Host">The host or pod name.</param>
/// <param name="Device">The compute device, e.g. <c>cuda:0</c> or <c>cpu</c>.</param>
/// <param name="CurrentTask">The task being worked on; null when idle.</param>
/// <param name="Completed">Tasks completed since start.</param>
/// <param name="Failed">Tasks failed since start.</param>
/// <param name="StartedAt">When the worker started.</param>
public sealed record WorkerInfo(string Host, string Device, string? CurrentTask, long Completed, long Failed, DateTimeOffset StartedAt);
