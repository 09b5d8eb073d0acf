namespace Connectivity.Persistence.Actors;

/// <summary>Turns an actor's events into their journal form (manifest + JSON payload) and back.</summary>
public interface IEventAdapter
{
    (string Manifest, string Payload) ToJournal(object evt);

    object FromJournal(string manifest, string payload);
}
