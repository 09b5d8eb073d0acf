namespace Connectivity.Model.Connections;

/// <summary>Read-only entity data emitted only on request: <c>_revision</c>, <c>_created</c>, <c>_modified</c> (spec §1.1).</summary>
public sealed record ConnectionMetadata(long Revision, DateTimeOffset? Created, DateTimeOffset? Modified);
