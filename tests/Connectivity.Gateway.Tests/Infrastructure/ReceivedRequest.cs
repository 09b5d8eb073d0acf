namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>One request an <see cref="HttpSink"/> received.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
