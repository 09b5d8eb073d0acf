namespace Connectivity.Cluster.Tests.Transport;

public sealed record Ping(string Text);

public sealed record Pong(string Text);
