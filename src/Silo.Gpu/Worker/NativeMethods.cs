using System.Runtime.InteropServices;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>The C library calls the worker makes (Linux only).</summary>
internal static partial class NativeMethods
{
    /// <summary><c>SCHED_IDLE</c> from <c>sched.h</c>.</summary>
    public const int SchedIdle = 5;

    /// <summary><c>sched_setscheduler(2)</c>; pid 0 is the calling thread.</summary>
    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static partial int SchedSetScheduler(int pid, int policy, in SchedParam param);

    /// <summary><c>struct sched_param</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct SchedParam
    {
        public SchedParam(int priority) => Priority = priority;

        public int Priority { get; }
    }
}
