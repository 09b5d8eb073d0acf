namespace Connectivity.Service.Mapping.JavaScript;

/// <summary>A mapping script does not compile or its top level fails; the message says where and why.</summary>
internal sealed class JavaScriptLoadException(string message, Exception? innerException = null) : Exception(message, innerException);
