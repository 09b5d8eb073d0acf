namespace Connectivity.Model.Monitoring;

/// <summary>The kind of resource a <see cref="ResourceStatus"/> describes; wire names <c>client|source|target|ssh|unknown</c>.</summary>
public enum ResourceType
{
    Client,
    Source,
    Target,
    Ssh,
    Unknown,
}
