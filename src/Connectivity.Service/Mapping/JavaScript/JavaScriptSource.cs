namespace Connectivity.Service.Mapping.JavaScript;

/// <summary>A script and the name errors refer to it by (<c>incomingScript</c>, <c>outgoingScript</c>, a runtime file).</summary>
internal sealed record JavaScriptSource(string Name, string Code);
