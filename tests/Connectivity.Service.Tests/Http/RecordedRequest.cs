namespace Connectivity.Service.Tests.Http;

/// <summary>A request as <see cref="RecordingHttpServer"/> received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
