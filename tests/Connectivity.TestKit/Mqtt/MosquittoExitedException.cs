namespace Connectivity.TestKit.Mqtt;

/// <summary>mosquitto exited while it was starting (its log says why, e.g. a port taken in the meantime).</summary>
public sealed class MosquittoExitedException(string message) : InvalidOperationException(message);
