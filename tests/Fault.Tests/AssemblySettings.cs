// Every scenario runs its own cluster of processes on this machine's few cores: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
