namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>The publish queue: in order, bounded, kept across connections until acknowledged.</summary>
public sealed partial class ManagedMqttClient
{
    // Waiting publishes by sequence; a publish whose connection ended goes back to its place.
    private readonly LinkedList<MqttPendingPublish> queue = new();
    private readonly SemaphoreSlim queued = new(0);
    private readonly object flightsGate = new();
    private TaskCompletionSource? flightsSettled;
    private int flying;
    private long sequence;
    private int pending;

    /// <summary>Publishes and pending (queued or unacknowledged) publishes right now.</summary>
    public int PendingPublishes => Volatile.Read(ref pending);

    /// <summary>
    /// Queues a message and completes when the server acknowledged it (QoS 1/2) or it was written (QoS 0), on this
    /// connection or a later one. Cancelling stops the waiting, not the publish.
    /// </summary>
    /// <exception cref="MqttPublishQueueFullException">MaxPendingPublishes publishes are pending already.</exception>
    public Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        if (Interlocked.Increment(ref pending) > options.MaxPendingPublishes)
        {
            Interlocked.Decrement(ref pending);
            throw new MqttPublishQueueFullException(
                $"{options.MaxPendingPublishes} MQTT publishes are pending already (queued or unacknowledged).");
        }

        var publish = new MqttPendingPublish(message, Interlocked.Increment(ref sequence));
        Requeue(publish);
        return publish.Done.Task.WaitAsync(cancellationToken);
    }

    private void Requeue(MqttPendingPublish publish)
    {
        lock (queue)
        {
            var after = queue.Last;
            while (after is not null && after.Value.Sequence > publish.Sequence)
            {
                after = after.Previous;
            }

            if (after is null)
            {
                queue.AddFirst(publish);
            }
            else
            {
                queue.AddAfter(after, publish);
            }
        }

        queued.Release();
    }

    private async Task<MqttPendingPublish> DequeueAsync(CancellationToken cancellationToken)
    {
        await queued.WaitAsync(cancellationToken);
        lock (queue)
        {
            var first = queue.First!.Value;
            queue.RemoveFirst();
            return first;
        }
    }

    /// <summary>Hands queued publishes to the client in order, each once its first packet is on its way.</summary>
    private async Task SendLoopAsync(MqttClient client, CancellationToken connectionEnded)
    {
        while (!connectionEnded.IsCancellationRequested)
        {
            MqttPendingPublish publish;
            try
            {
                publish = await DequeueAsync(connectionEnded);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            MqttPublishFlight flight;
            try
            {
                flight = await client.BeginPublishAsync(publish.Message, publish.Sent, publish.LastFlight, connectionEnded);
            }
            catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException)
            {
                Requeue(publish);
                return;
            }
            catch (Exception exception)
            {
                // not publishable (topic, QoS or size the server does not take): fails alone
                Complete(publish, exception);
                continue;
            }

            publish.LastFlight = flight;
            lock (flightsGate)
            {
                flying++;
            }

            _ = ObserveAsync(publish, flight);
        }
    }

    private async Task ObserveAsync(MqttPendingPublish publish, MqttPublishFlight flight)
    {
        try
        {
            Complete(publish, await flight.Completion);
        }
        catch (MqttCommunicationException)
        {
            ManagedMqttClientLog.Requeued(logger, publish.Message.Topic, publish.Sent);
            Requeue(publish);
        }
        catch (Exception exception)
        {
            Complete(publish, exception);
        }
        finally
        {
            lock (flightsGate)
            {
                if (--flying == 0)
                {
                    flightsSettled?.TrySetResult();
                    flightsSettled = null;
                }
            }
        }
    }

    /// <summary>Waits until every flight of the ended connection was completed or queued again, so order holds.</summary>
    private Task AwaitFlightsAsync()
    {
        lock (flightsGate)
        {
            if (flying == 0)
            {
                return Task.CompletedTask;
            }

            flightsSettled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return flightsSettled.Task;
        }
    }

    private void Complete(MqttPendingPublish publish, MqttPublishResult result)
    {
        if (publish.Done.TrySetResult(result))
        {
            Interlocked.Decrement(ref pending);
        }
    }

    private void Complete(MqttPendingPublish publish, Exception exception)
    {
        if (publish.Done.TrySetException(exception))
        {
            Interlocked.Decrement(ref pending);
        }
    }

    private void FailPending(Exception exception)
    {
        List<MqttPendingPublish> failed;
        lock (queue)
        {
            failed = [.. queue];
            queue.Clear();
        }

        foreach (var publish in failed)
        {
            Complete(publish, exception);
        }
    }
}
