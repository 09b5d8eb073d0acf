using Connectivity.Model.Monitoring;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Service.Clients;
using Connectivity.Service.Messaging;

namespace Connectivity.Messaging.Mqtt;

/// <summary>Subscribing the sources and handing received messages to the inbound sink (spec §8.3, source acknowledgements).</summary>
public sealed partial class MqttConnectionClient
{
    private async Task SubscribeAsync(MqttClient client, CancellationToken cancellationToken)
    {
        foreach (var source in subscriptions.PerSource())
        {
            IReadOnlyList<MqttSubscribeReasonCode> codes;
            try
            {
                var subAck = await client.SubscribeAsync([.. source.Select(s => new MqttTopicFilter(s.Filter, s.Qos))], cancellationToken)
                    .ConfigureAwait(false);
                codes = subAck.ReasonCodes;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                throw MqttFailures.OfConnect(e, maskedUri, consumerOptions.Version);
            }

            var now = context.TimeProvider.GetUtcNow();
            for (var i = 0; i < source.Count; i++)
            {
                var subscription = source[i];
                MqttSubscribeReasonCode? code = i < codes.Count ? codes[i] : null;
                if (subscriptions.Answered(subscription, code, now) is { } failure)
                {
                    MqttConnectionClientLog.SubscriptionFailed(logger, connection.Id, failure);
                    context.ConnectionLog.Log(LogCategory.Source, LogType.Other, Model.Monitoring.LogLevel.Failure, failure, address: subscription.Address);
                }
                else
                {
                    MqttConnectionClientLog.Subscribed(logger, connection.Id, subscription.Filter, (int)subscription.Qos, $"{code}");
                }
            }
        }
    }

    /// <summary>Hands a received message to the sink; true acknowledges it to the broker.</summary>
    private async ValueTask<bool> OnMessageAsync(MqttReceivedMessage received)
    {
        if (subscriptions.Route(received.Message.Topic) is not { } subscription)
        {
            MqttConnectionClientLog.Unrouted(logger, connection.Id, received.Message.Topic);
            return true;
        }

        InboundMessageOutcome outcome;
        try
        {
            outcome = await context.InboundSink
                .HandleAsync(MqttInboundMessages.ToExternalMessage(received, subscription), lifetime.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            MqttConnectionClientLog.InboundFailed(logger, connection.Id, subscription.Address, e.Message);
            return true;
        }

        if (outcome != InboundMessageOutcome.Redeliver)
        {
            return true;
        }

        if (config.ReconnectForRedelivery)
        {
            ScheduleReconnectForRedelivery(subscription.Address);
        }

        return false;
    }

    /// <summary>
    /// Spec §8.3 <c>reconnectForRedelivery</c>: after the delay, the session is reported lost, so the client actor
    /// reconnects and the broker redelivers what was not acknowledged.
    /// </summary>
    private void ScheduleReconnectForRedelivery(string address)
    {
        lock (gate)
        {
            if (redeliveryReconnect is not null || lifetime.IsCancellationRequested)
            {
                return;
            }

            var delay = config.ReconnectForRedeliveryDelay;
            MqttConnectionClientLog.ReconnectForRedelivery(logger, connection.Id, address, delay);
            redeliveryReconnect = context.TimeProvider.CreateTimer(
                _ => context.OnConnectionLost(ConnectionFailureException.Failed(
                    $"Reconnecting to {maskedUri} so that the broker redelivers unacknowledged messages.")),
                null,
                delay,
                Timeout.InfiniteTimeSpan);
        }
    }
}
