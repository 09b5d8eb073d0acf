using System.Globalization;
using System.Net;

namespace Connectivity.Model.Validation;

/// <summary>An IP range in CIDR notation, e.g. <c>192.168.0.0/16</c>.</summary>
internal sealed record SubnetRange(IPAddress Network, int PrefixLength)
{
    public static SubnetRange Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var address = IPAddress.Parse(slash < 0 ? cidr : cidr[..slash]);
        var maxPrefix = address.GetAddressBytes().Length * 8;
        var prefix = slash < 0 ? maxPrefix : int.Parse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        return prefix <= maxPrefix ? new SubnetRange(address, prefix) : throw new FormatException($"Invalid CIDR prefix in '{cidr}'.");
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var network = Network.GetAddressBytes();
        var candidate = address.GetAddressBytes();
        if (network.Length != candidate.Length)
        {
            return false;
        }

        var remaining = PrefixLength;
        for (var i = 0; i < network.Length && remaining > 0; i++, remaining -= 8)
        {
            var mask = remaining >= 8 ? 0xFF : (byte)(0xFF << (8 - remaining));
            if ((network[i] & mask) != (candidate[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
