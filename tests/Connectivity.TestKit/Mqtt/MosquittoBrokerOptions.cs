namespace Connectivity.TestKit.Mqtt;

/// <summary>How a <see cref="MosquittoBroker"/> is configured (the same for every listener it opens).</summary>
public sealed record MosquittoBrokerOptions
{
    /// <summary>Whether clients without a user name are let in (<c>allow_anonymous</c>); default true.</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>
    /// Users and their passwords, written to a password file with <c>mosquitto_passwd -b</c>; none means no
    /// password file. With users and <see cref="AllowAnonymous"/> true, both kinds of client are let in.
    /// </summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether a TLS listener is opened too (<see cref="MosquittoBroker.TlsPort"/>), with a server
    /// certificate for 127.0.0.1 and localhost signed by a CA generated for this broker.</summary>
    public bool Tls { get; init; }

    /// <summary>
    /// Whether the TLS listener lets in only clients with a certificate its CA signed (<c>require_certificate</c>),
    /// taking the certificate's CN as the user name (<c>use_identity_as_username</c>); see
    /// <see cref="MosquittoBroker.ClientCertificatePem"/>.
    /// </summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>More lines for <c>mosquitto.conf</c> (e.g. <c>max_inflight_messages 5</c>).</summary>
    public IReadOnlyList<string> ExtraConfiguration { get; init; } = [];

    /// <summary>How long a start may take until the listeners accept connections; default 20 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
