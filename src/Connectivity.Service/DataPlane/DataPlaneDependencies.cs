using Connectivity.Service.Mapping;

namespace Connectivity.Service.DataPlane;

/// <summary>What the data plane of every client of a node shares: the signal router and the mapping limits.</summary>
public sealed record DataPlaneDependencies(ISignalRouter Router, MappingSettings Mapping)
{
    /// <summary>A data plane of its own, reaching no other connection: for test connections and tests.</summary>
    public static DataPlaneDependencies Isolated() => new(new LocalSignalRouter(TimeProvider.System), MappingSettings.Default);
}
